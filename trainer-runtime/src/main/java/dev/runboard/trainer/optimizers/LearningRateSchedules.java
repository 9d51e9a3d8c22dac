package dev.runboard.trainer.optimizers;

import java.util.Map;

/** Rebuilds the schedules that can be saved with a model from their {@link LearningRateSchedule#config()}. */
public final class LearningRateSchedules {
  private LearningRateSchedules() {}

  /**
   * @throws IllegalArgumentException for an unknown kind or a missing or malformed setting
   */
  public static LearningRateSchedule fromConfig(Map<String, String> config) {
    String kind = config.get("schedule");
    try {
      switch (kind == null ? "" : kind) {
        case "constant":
          return new ConstantLearningRate(number(config, "rate"));
        case "exponential_decay":
          return new ExponentialDecay(
              number(config, "initial_rate"), Long.parseLong(required(config, "decay_steps")),
              number(config, "decay_rate"), Boolean.parseBoolean(required(config, "staircase")));
        case "cosine_decay":
          return new CosineDecay(
              number(config, "initial_rate"), Long.parseLong(required(config, "decay_steps")),
              number(config, "alpha"));
        default:
          throw new IllegalArgumentException(
              "unknown learning-rate schedule '" + kind + "' (known: constant, exponential_decay, cosine_decay)");
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad learning-rate schedule " + config + ": " + e.getMessage(), e);
    }
  }

  static double number(Map<String, String> config, String key) {
    return Double.parseDouble(required(config, key));
  }

  static String required(Map<String, String> config, String key) {
    String value = config.get(key);
    if (value == null) {
      throw new IllegalArgumentException("setting '" + key + "' missing from " + config);
    }
    return value;
  }
}
