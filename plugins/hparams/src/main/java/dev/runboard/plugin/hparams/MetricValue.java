package dev.runboard.plugin.hparams;

/** A session's value of a metric, with the step and wall time it was logged at. */
public record MetricValue(double value, long step, double wallTime) {
  /** NaN or an infinity: the training diverged, which the views show rather than drop. */
  public boolean diverged() {
    return !Double.isFinite(value);
  }
}
