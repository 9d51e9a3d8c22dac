package dev.runboard.trainer.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;

/** Optimizers by their Keras names, with Keras's defaults. */
public final class Optimizers {
  private static final String SCHEDULE_PREFIX = "learning_rate.";

  private Optimizers() {}

  public static Optimizer get(String name) {
    switch (name) {
      case "adam":
        return new Adam();
      case "adamw":
        return new AdamW();
      case "sgd":
        return new Sgd();
      default:
        throw new IllegalArgumentException("unknown optimizer '" + name + "' (known: adam, adamw, sgd)");
    }
  }

  /**
   * The optimizer {@link Optimizer#config()} describes, with no state yet.
   *
   * @throws IllegalArgumentException for an unknown optimizer or schedule, or a missing setting
   */
  public static Optimizer fromConfig(Map<String, String> config) {
    Map<String, String> schedule = new LinkedHashMap<>();
    config.forEach((k, v) -> {
      if (k.startsWith(SCHEDULE_PREFIX)) {
        schedule.put(k.substring(SCHEDULE_PREFIX.length()), v);
      }
    });
    LearningRateSchedule rate = LearningRateSchedules.fromConfig(schedule);
    String name = LearningRateSchedules.required(config, "name");
    try {
      switch (name) {
        case "adam":
          return new Adam(
              rate, LearningRateSchedules.number(config, "beta_1"), LearningRateSchedules.number(config, "beta_2"),
              LearningRateSchedules.number(config, "epsilon"));
        case "adamw":
          return new AdamW(rate, LearningRateSchedules.number(config, "weight_decay"));
        case "sgd":
          return new Sgd(
              rate, LearningRateSchedules.number(config, "momentum"),
              Boolean.parseBoolean(LearningRateSchedules.required(config, "nesterov")));
        default:
          throw new IllegalArgumentException("unknown optimizer '" + name + "' (known: adam, adamw, sgd)");
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad optimizer settings " + config + ": " + e.getMessage(), e);
    }
  }
}
