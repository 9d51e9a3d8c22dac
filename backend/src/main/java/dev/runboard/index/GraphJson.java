package dev.runboard.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.eventlog.GraphNode;
import dev.runboard.eventlog.ModelGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model graph as the bytes of its blob: {@code {"nodes":[{"name","op","inputs":[...],
 * "output_shape":[...],"params":N,"attrs":{...}}]}}, the shape the graph dashboard reads.
 */
final class GraphJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GraphJson() {}

  static byte[] of(ModelGraph graph) {
    List<Map<String, Object>> nodes = new ArrayList<>(graph.nodes().size());
    for (GraphNode n : graph.nodes()) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("name", n.name());
      node.put("op", n.op());
      node.put("inputs", n.inputs());
      node.put("output_shape", n.outputShape());
      node.put("params", n.parameterCount());
      node.put("attrs", n.attributes());
      nodes.add(node);
    }
    try {
      return JSON.writeValueAsBytes(Map.of("nodes", nodes));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a graph of strings and numbers always serialises", e);
    }
  }
}
