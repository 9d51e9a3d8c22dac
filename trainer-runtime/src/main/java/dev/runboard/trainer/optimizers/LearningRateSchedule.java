package dev.runboard.trainer.optimizers;

import java.util.Map;

/** The learning rate as a function of the optimizer step (0-based), like Keras's schedules. */
@FunctionalInterface
public interface LearningRateSchedule {
  double at(long step);

  /**
   * Settings that {@link LearningRateSchedules#fromConfig} turns back into this schedule, with
   * its kind under {@code schedule}; null (the default) for a schedule that cannot be saved with a
   * model.
   */
  default Map<String, String> config() {
    return null;
  }

  static LearningRateSchedule constant(double rate) {
    return new ConstantLearningRate(rate);
  }
}
