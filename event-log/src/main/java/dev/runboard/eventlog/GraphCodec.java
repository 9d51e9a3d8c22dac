package dev.runboard.eventlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Graph rows: one row per node, the rows of one graph consecutive and sharing a {@code graph}
 * number (counted per writer session), and always within one record batch.
 */
final class GraphCodec implements EventCodec {
  private long nextGraph;

  @Override
  public void encode(List<LogEvent> events, VectorSchemaRoot root, TagTable tags) {
    int row = 0;
    for (LogEvent event : events) {
      GraphEvent e = (GraphEvent) event;
      long graph = nextGraph++;
      for (GraphNode node : e.graph().nodes()) {
        ((BigIntVector) root.getVector("graph")).setSafe(row, graph);
        ((Float8Vector) root.getVector("wall_time")).setSafe(row, e.wallTime());
        ArrowColumns.setString((VarCharVector) root.getVector("name"), row, node.name());
        ArrowColumns.setString((VarCharVector) root.getVector("op"), row, node.op());
        ArrowColumns.setStrings((ListVector) root.getVector("inputs"), row, node.inputs());
        ArrowColumns.setLongs((ListVector) root.getVector("output_shape"), row, node.outputShape());
        ((BigIntVector) root.getVector("parameter_count")).setSafe(row, node.parameterCount());
        // Sorted, so that the same graph always gives the same bytes.
        Map<String, String> attributes = new TreeMap<>(node.attributes());
        ArrowColumns.setStrings(
            (ListVector) root.getVector("attribute_keys"), row, new ArrayList<>(attributes.keySet()));
        ArrowColumns.setStrings(
            (ListVector) root.getVector("attribute_values"), row, new ArrayList<>(attributes.values()));
        row++;
      }
    }
    root.setRowCount(row);
  }

  /** The graph whose rows include {@code row} (the rows of a graph are consecutive). */
  @Override
  public LogEvent decode(VectorSchemaRoot root, List<String> dictionary, int row) {
    BigIntVector graphs = (BigIntVector) root.getVector("graph");
    long graph = graphs.get(row);
    int start = row;
    while (start > 0 && graphs.get(start - 1) == graph) {
      start--;
    }
    return graph(root, start, end(graphs, start, root.getRowCount()));
  }

  @Override
  public void decodeAll(VectorSchemaRoot root, List<String> dictionary, RowSink out) {
    BigIntVector graphs = (BigIntVector) root.getVector("graph");
    int rows = root.getRowCount();
    for (int start = 0; start < rows; ) {
      int end = end(graphs, start, rows);
      out.accept(graph(root, start, end), start);
      start = end;
    }
  }

  /** The first row after {@code start} of another graph. */
  private static int end(BigIntVector graphs, int start, int rows) {
    long graph = graphs.get(start);
    int end = start + 1;
    while (end < rows && graphs.get(end) == graph) {
      end++;
    }
    return end;
  }

  private static GraphEvent graph(VectorSchemaRoot root, int start, int end) {
    VarCharVector names = (VarCharVector) root.getVector("name");
    VarCharVector ops = (VarCharVector) root.getVector("op");
    ListVector inputs = (ListVector) root.getVector("inputs");
    ListVector shapes = (ListVector) root.getVector("output_shape");
    BigIntVector parameters = (BigIntVector) root.getVector("parameter_count");
    ListVector keys = (ListVector) root.getVector("attribute_keys");
    ListVector values = (ListVector) root.getVector("attribute_values");
    List<GraphNode> nodes = new ArrayList<>();
    for (int row = start; row < end; row++) {
      List<String> k = ArrowColumns.strings(keys, row);
      List<String> v = ArrowColumns.strings(values, row);
      if (k.size() != v.size()) {
        throw new IllegalArgumentException(
            "row " + row + " has " + k.size() + " attribute keys but " + v.size() + " values");
      }
      Map<String, String> attributes = new TreeMap<>();
      for (int i = 0; i < k.size(); i++) {
        attributes.put(k.get(i), v.get(i));
      }
      nodes.add(
          new GraphNode(
              ArrowColumns.string(names, row),
              ArrowColumns.string(ops, row),
              ArrowColumns.strings(inputs, row),
              ArrowColumns.longs(shapes, row),
              parameters.get(row),
              attributes));
    }
    return new GraphEvent(((Float8Vector) root.getVector("wall_time")).get(start), new ModelGraph(nodes));
  }
}
