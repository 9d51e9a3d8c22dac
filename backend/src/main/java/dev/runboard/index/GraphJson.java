package dev.runboard.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.eventlog.GraphNode;
import dev.runboard.eventlog.ModelGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model graph as the bytes of its blob (plugin {@code graphs}, tag {@code __run_graph__}), the
 * shape the graph dashboard reads (docs/event-log-format.md, "The graph blob"):
 * {@code {"source":"runboard|tensorflow|pytorch","nodes":[{"name","op","inputs":[...],
 * "output_shape":[...],"params":N,"device","attrs":{...}}]}}. The device is the node's {@code
 * device} attribute, which is therefore not repeated in {@code attrs}.
 */
final class GraphJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEVICE = "device";

  private GraphJson() {}

  static byte[] of(ModelGraph graph) {
    List<Map<String, Object>> nodes = new ArrayList<>(graph.nodes().size());
    for (GraphNode n : graph.nodes()) {
      Map<String, String> attrs = new TreeMap<>(n.attributes());
      String device = attrs.remove(DEVICE);
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("name", n.name());
      node.put("op", n.op());
      node.put("inputs", n.inputs());
      node.put("output_shape", n.outputShape());
      node.put("params", n.parameterCount());
      node.put("device", device == null ? "" : device);
      node.put("attrs", attrs);
      nodes.add(node);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("source", graph.source());
    document.put("nodes", nodes);
    try {
      return JSON.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a graph of strings and numbers always serialises", e);
    }
  }
}
