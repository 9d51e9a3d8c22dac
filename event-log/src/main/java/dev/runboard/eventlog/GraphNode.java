package dev.runboard.eventlog;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node of a model graph.
 *
 * @param name unique within the graph; {@code /} separates name scopes, as in TensorFlow
 *     ({@code sequential/conv2d/Conv2D})
 * @param op operation or layer type ({@code Conv2D}, {@code MatMul}, {@code aten::relu})
 * @param inputs names of the nodes whose outputs this node consumes: the graph's edges
 * @param outputShape dimensions of the output; -1 for an unknown one (usually the batch)
 * @param parameterCount trainable and non-trainable parameters this node owns (0 for plain ops)
 * @param attributes anything else the writer knew (dtype, padding, activation…), as text
 */
public record GraphNode(
    String name,
    String op,
    List<String> inputs,
    List<Long> outputShape,
    long parameterCount,
    Map<String, String> attributes) {
  public GraphNode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(op, "op");
    inputs = List.copyOf(inputs);
    outputShape = List.copyOf(outputShape);
    attributes = Map.copyOf(attributes);
  }
}
