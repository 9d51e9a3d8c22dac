package dev.runboard.eventlog;

import java.util.Objects;

/** The model's structure, usually logged once when training starts. */
public record GraphEvent(double wallTime, ModelGraph graph) implements LogEvent {
  public GraphEvent {
    Objects.requireNonNull(graph, "graph");
  }
}
