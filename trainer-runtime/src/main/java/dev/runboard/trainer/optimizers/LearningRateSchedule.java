package dev.runboard.trainer.optimizers;

/** The learning rate as a function of the optimizer step (0-based), like Keras's schedules. */
@FunctionalInterface
public interface LearningRateSchedule {
  double at(long step);

  static LearningRateSchedule constant(double rate) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("learning rate must be positive and finite, was " + rate);
    }
    return step -> rate;
  }
}
