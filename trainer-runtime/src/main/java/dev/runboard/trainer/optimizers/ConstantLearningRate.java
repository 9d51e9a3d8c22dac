package dev.runboard.trainer.optimizers;

import java.util.Map;

/** The same rate at every step. */
public record ConstantLearningRate(double rate) implements LearningRateSchedule {
  public ConstantLearningRate {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("learning rate must be positive and finite, was " + rate);
    }
  }

  @Override
  public double at(long step) {
    return rate;
  }

  @Override
  public Map<String, String> config() {
    return Map.of("schedule", "constant", "rate", Double.toString(rate));
  }
}
