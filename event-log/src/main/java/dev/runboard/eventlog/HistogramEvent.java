package dev.runboard.eventlog;

import java.util.Objects;

/** A distribution (weights, activations, gradients) for a tag at a step. */
public record HistogramEvent(String tag, long step, double wallTime, Histogram histogram)
    implements LogEvent {
  public HistogramEvent {
    Tags.require(tag);
    Objects.requireNonNull(histogram, "histogram");
  }
}
