package dev.runboard.plugin.graph;

/** The log says a run has a graph, but its bytes cannot be read or are not a graph. */
public final class GraphUnreadableException extends RuntimeException {
  public GraphUnreadableException(String message, Throwable cause) {
    super(message, cause);
  }
}
