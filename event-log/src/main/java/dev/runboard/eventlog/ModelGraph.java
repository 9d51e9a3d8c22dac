package dev.runboard.eventlog;

import java.util.List;
import java.util.Objects;

/**
 * A model's structure: its nodes, edges given by each node's inputs.
 *
 * @param source who made it: {@link #RUNBOARD} (Runboard's trainer, and every graph read from a
 *     Runboard event log), {@link #TENSORFLOW} or {@link #PYTORCH} (a tfevents {@code graph_def}).
 *     Not stored in the event log: it follows from the file format and the graph's ops.
 */
public record ModelGraph(List<GraphNode> nodes, String source) {
  public static final String RUNBOARD = "runboard";
  public static final String TENSORFLOW = "tensorflow";
  public static final String PYTORCH = "pytorch";

  public ModelGraph {
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(source, "source");
  }

  /** A graph made by Runboard. */
  public ModelGraph(List<GraphNode> nodes) {
    this(nodes, RUNBOARD);
  }
}
