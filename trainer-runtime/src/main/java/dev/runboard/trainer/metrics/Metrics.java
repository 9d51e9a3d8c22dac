package dev.runboard.trainer.metrics;

/** Metrics by their Keras names. */
public final class Metrics {
  private Metrics() {}

  public static Metric get(String name) {
    if ("accuracy".equals(name) || "acc".equals(name)) {
      return new Accuracy();
    }
    throw new IllegalArgumentException("unknown metric '" + name + "' (known: accuracy)");
  }
}
