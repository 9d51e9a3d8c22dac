package dev.runboard.eventlog;

import java.util.List;

/** A model's structure: its nodes, edges given by each node's inputs. */
public record ModelGraph(List<GraphNode> nodes) {
  public ModelGraph {
    nodes = List.copyOf(nodes);
  }
}
