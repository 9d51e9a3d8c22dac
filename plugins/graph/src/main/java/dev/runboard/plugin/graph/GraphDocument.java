package dev.runboard.plugin.graph;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A run's model graph as the API and the view serve it: the nodes of the graph blob and the
 * name-scope hierarchy derived from their names.
 *
 * @param source {@code runboard}, {@code tensorflow} or {@code pytorch}
 * @param groups every name scope, parents before children
 */
public record GraphDocument(String run, String source, List<Node> nodes, List<Group> groups) {
  public GraphDocument {
    nodes = List.copyOf(nodes);
    groups = List.copyOf(groups);
  }

  /**
   * One node.
   *
   * @param group the innermost scope it belongs to ("" for the top level); a node named like a
   *     scope ({@code Variable} beside {@code Variable/read}) belongs to that scope, as in
   *     TensorBoard
   * @param outputShape dimensions, -1 for an unknown one
   * @param params parameters the node owns (Runboard's layers; 0 for TensorFlow and PyTorch ops)
   */
  public record Node(
      String name,
      String op,
      List<String> inputs,
      String device,
      Map<String, String> attrs,
      @JsonProperty("output_shape") List<Long> outputShape,
      long params,
      String group) {}

  /**
   * A name scope: TensorFlow's {@code a/b}, a PyTorch module path, a Runboard model name.
   *
   * @param parent the enclosing scope, "" at the top level
   * @param nodes the nodes inside it, at any depth
   */
  public record Group(String name, String parent, int nodes) {}
}
