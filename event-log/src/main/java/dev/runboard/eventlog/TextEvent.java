package dev.runboard.eventlog;

import java.util.Objects;

/** Markdown text for a tag at a step (TensorBoard's text plugin renders it the same way). */
public record TextEvent(String tag, long step, double wallTime, String markdown)
    implements LogEvent {
  public TextEvent {
    Tags.require(tag);
    Objects.requireNonNull(markdown, "markdown");
  }
}
