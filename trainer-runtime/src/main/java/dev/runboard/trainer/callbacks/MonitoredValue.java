package dev.runboard.trainer.callbacks;

import java.util.Map;

/**
 * A logged quantity a callback watches, and which direction is better: Keras's {@code monitor}
 * with {@code mode='auto'} (accuracies up, everything else down).
 */
final class MonitoredValue {
  private final String name;
  private final boolean higherIsBetter;

  MonitoredValue(String name) {
    this.name = name;
    this.higherIsBetter = name.endsWith("accuracy") || name.endsWith("acc");
  }

  String name() {
    return name;
  }

  /** The value in {@code logs}; a clear error when the fit does not log it. */
  double read(Map<String, Double> logs) {
    Double value = logs.get(name);
    if (value == null) {
      throw new IllegalStateException(
          "monitored value '" + name + "' is not logged (available: " + logs.keySet() + ")");
    }
    return value;
  }

  /** How Keras prints the best value before the first epoch. */
  String format(double best) {
    if (Double.isNaN(best)) {
      return higherIsBetter ? "-inf" : "inf";
    }
    return String.format(java.util.Locale.ROOT, "%.5f", best);
  }

  /** Whether {@code value} beats {@code best} by more than {@code minDelta}. */
  boolean improves(double value, double best, double minDelta) {
    if (Double.isNaN(best)) {
      return !Double.isNaN(value);
    }
    return higherIsBetter ? value - minDelta > best : value + minDelta < best;
  }
}
