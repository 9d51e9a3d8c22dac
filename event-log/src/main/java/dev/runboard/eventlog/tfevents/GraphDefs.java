package dev.runboard.eventlog.tfevents;

import dev.runboard.eventlog.GraphNode;
import dev.runboard.eventlog.ModelGraph;
import dev.runboard.eventlog.tfevents.proto.GraphProtos.AttrValue;
import dev.runboard.eventlog.tfevents.proto.GraphProtos.GraphDef;
import dev.runboard.eventlog.tfevents.proto.GraphProtos.NodeDef;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.TensorShapeProto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns a {@code GraphDef} (TensorFlow's, or the one PyTorch's {@code add_graph} traces) into a
 * {@link ModelGraph}: node names and ops as written, edges from the inputs, the output shape from
 * the {@code _output_shapes} attribute both writers set, the device as the attribute {@code
 * device}, every other attribute as text; the graph's source (TensorFlow or PyTorch) from its ops.
 */
final class GraphDefs {
  private static final String OUTPUT_SHAPES = "_output_shapes";

  private GraphDefs() {}

  static ModelGraph toModelGraph(GraphDef graph) {
    List<GraphNode> nodes = new ArrayList<>(graph.getNodeCount());
    boolean pytorch = false;
    for (NodeDef node : graph.getNodeList()) {
      List<String> inputs = new ArrayList<>(node.getInputCount());
      for (String input : node.getInputList()) {
        inputs.add(inputNode(input));
      }
      List<Long> shape = new ArrayList<>();
      AttrValue shapes = node.getAttrMap().get(OUTPUT_SHAPES);
      if (shapes != null && shapes.getList().getShapeCount() > 0) {
        for (TensorShapeProto.Dim dim : shapes.getList().getShape(0).getDimList()) {
          shape.add(dim.getSize());
        }
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      if (!node.getDevice().isEmpty()) {
        attributes.put("device", node.getDevice());
      }
      node.getAttrMap().forEach(
          (key, value) -> {
            if (!key.equals(OUTPUT_SHAPES)) {
              attributes.put(key, text(value));
            }
          });
      nodes.add(new GraphNode(node.getName(), node.getOp(), inputs, shape, 0, attributes));
      pytorch |= isPyTorchOp(node.getOp());
    }
    return new ModelGraph(nodes, pytorch ? ModelGraph.PYTORCH : ModelGraph.TENSORFLOW);
  }

  /**
   * PyTorch's {@code add_graph} traces TorchScript: its ops are {@code aten::}, {@code prim::}
   * or {@code onnx::} ops and its inputs and outputs "IO Node"s, none of which TensorFlow has.
   */
  private static boolean isPyTorchOp(String op) {
    return op.startsWith("aten::") || op.startsWith("prim::") || op.startsWith("onnx::") || op.equals("IO Node");
  }

  /** "^name" is a control dependency and "name:1" the node's second output: both mean "name". */
  static String inputNode(String input) {
    String name = input.startsWith("^") ? input.substring(1) : input;
    int colon = name.lastIndexOf(':');
    if (colon > 0 && colon < name.length() - 1 && name.substring(colon + 1).chars().allMatch(Character::isDigit)) {
      name = name.substring(0, colon);
    }
    return name;
  }

  static String text(AttrValue value) {
    switch (value.getValueCase()) {
      case S:
        return value.getS().toString(StandardCharsets.UTF_8);
      case I:
        return Long.toString(value.getI());
      case F:
        return Float.toString(value.getF());
      case B:
        return Boolean.toString(value.getB());
      case TYPE:
        return value.getType().name();
      case SHAPE:
        return shape(value.getShape());
      case TENSOR:
        return "tensor " + value.getTensor().getDtype().name() + " " + shape(value.getTensor().getTensorShape());
      case PLACEHOLDER:
        return "$" + value.getPlaceholder();
      case LIST:
        return list(value.getList());
      default:
        return "";
    }
  }

  private static String list(AttrValue.ListValue list) {
    StringJoiner out = new StringJoiner(", ", "[", "]");
    list.getSList().forEach(s -> out.add(s.toString(StandardCharsets.UTF_8)));
    list.getIList().forEach(i -> out.add(Long.toString(i)));
    list.getFList().forEach(f -> out.add(Float.toString(f)));
    list.getBList().forEach(b -> out.add(Boolean.toString(b)));
    list.getTypeList().forEach(t -> out.add(t.name()));
    list.getShapeList().forEach(s -> out.add(shape(s)));
    list.getTensorList().forEach(t -> out.add("tensor " + t.getDtype().name()));
    return out.toString();
  }

  private static String shape(TensorShapeProto shape) {
    if (shape.getUnknownRank()) {
      return "<unknown>";
    }
    StringJoiner out = new StringJoiner(", ", "(", ")");
    shape.getDimList().forEach(d -> out.add(Long.toString(d.getSize())));
    return out.toString();
  }
}
