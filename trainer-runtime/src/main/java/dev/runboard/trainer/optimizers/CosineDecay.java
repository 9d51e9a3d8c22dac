package dev.runboard.trainer.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code CosineDecay}: from {@code initialRate} down a half cosine to {@code alpha ·
 * initialRate} at {@code decaySteps}, constant after.
 */
public record CosineDecay(double initialRate, long decaySteps, double alpha) implements LearningRateSchedule {
  public CosineDecay {
    if (!(initialRate > 0) || decaySteps < 1 || !(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("bad cosine decay: " + initialRate + ", " + decaySteps + ", " + alpha);
    }
  }

  @Override
  public double at(long step) {
    double progress = Math.min(step, decaySteps) / (double) decaySteps;
    double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
    return initialRate * ((1 - alpha) * cosine + alpha);
  }

  @Override
  public Map<String, String> config() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("schedule", "cosine_decay");
    config.put("initial_rate", Double.toString(initialRate));
    config.put("decay_steps", Long.toString(decaySteps));
    config.put("alpha", Double.toString(alpha));
    return config;
  }
}
