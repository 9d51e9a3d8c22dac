package dev.runboard.trainer.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;

/** Keras's {@code ExponentialDecay}: {@code initial · rate^(step / decaySteps)}, optionally stepwise. */
public record ExponentialDecay(double initialRate, long decaySteps, double decayRate, boolean staircase)
    implements LearningRateSchedule {
  public ExponentialDecay {
    if (!(initialRate > 0) || decaySteps < 1 || !(decayRate > 0)) {
      throw new IllegalArgumentException("initialRate and decayRate must be positive, decaySteps at least 1");
    }
  }

  @Override
  public double at(long step) {
    double p = (double) step / decaySteps;
    return initialRate * Math.pow(decayRate, staircase ? Math.floor(p) : p);
  }

  @Override
  public Map<String, String> config() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("schedule", "exponential_decay");
    config.put("initial_rate", Double.toString(initialRate));
    config.put("decay_steps", Long.toString(decaySteps));
    config.put("decay_rate", Double.toString(decayRate));
    config.put("staircase", Boolean.toString(staircase));
    return config;
  }
}
