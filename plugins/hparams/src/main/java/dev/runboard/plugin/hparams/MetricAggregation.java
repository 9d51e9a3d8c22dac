package dev.runboard.plugin.hparams;

import java.util.Locale;

/** Which value of a metric's series stands for a session ({@code metric_agg}). */
public enum MetricAggregation {
  /** The last point logged (TensorBoard's choice). */
  LAST,
  /** The smallest value, NaN ignored unless every value is NaN. */
  MIN,
  /** The largest value, NaN ignored unless every value is NaN. */
  MAX;

  public static MetricAggregation parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }

  /** The chosen point of a series (columns of equal length, at least one point). */
  MetricValue pick(long[] steps, double[] walls, double[] values) {
    int chosen = values.length - 1;
    if (this != LAST) {
      for (int i = 0; i < values.length; i++) {
        double v = values[i];
        if (v != v) {
          continue;
        }
        double best = values[chosen];
        if (best != best || (this == MIN ? v < best : v > best)) {
          chosen = i;
        }
      }
    }
    return new MetricValue(values[chosen], steps[chosen], walls[chosen]);
  }
}
