package dev.runboard.eventlog;

/**
 * One scalar measurement, as TensorBoard users know it: a value for a tag at a training step.
 *
 * @param tag      series name, e.g. {@code epoch_loss}
 * @param step     training step (may be negative: some writers log warm-up steps that way)
 * @param wallTime seconds since the Unix epoch when the value was logged
 * @param value    the measurement; NaN and infinities are kept as they are
 */
public record ScalarEvent(String tag, long step, double wallTime, double value)
    implements LogEvent {
  public ScalarEvent {
    Tags.require(tag);
  }
}
