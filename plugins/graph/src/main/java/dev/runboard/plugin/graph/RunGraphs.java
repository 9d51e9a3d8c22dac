package dev.runboard.plugin.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.data.Blob;
import dev.runboard.data.BlobRef;
import dev.runboard.data.BlobSequence;
import dev.runboard.data.BlobSequenceDatum;
import dev.runboard.data.DataClass;
import dev.runboard.data.DataProvider;
import dev.runboard.data.PluginNames;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.SeriesInfo;
import dev.runboard.data.StepQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads runs' model graphs through the data provider: the last graph a run logged (blob sequence
 * {@code graphs}/{@code __run_graph__}), its JSON checked and its name scopes worked out.
 */
public final class RunGraphs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunGraphs() {}

  /** The runs that logged a graph, in name order. */
  public static List<String> runsWithGraphs(DataProvider data) {
    return data.listSeries(DataClass.BLOB_SEQUENCES, PluginNames.GRAPHS, RunTagFilter.of(null, Set.of(PluginNames.RUN_GRAPH_TAG)))
        .stream().map(SeriesInfo::run).distinct().sorted().toList();
  }

  /**
   * The run's last graph; empty when the run is unknown or logged none.
   *
   * @throws GraphUnreadableException when the graph's bytes cannot be read or are not a graph
   */
  public static Optional<GraphDocument> read(DataProvider data, String run) {
    List<BlobSequence> sequences = data.readBlobSequences(
        PluginNames.GRAPHS, RunTagFilter.one(run, PluginNames.RUN_GRAPH_TAG), StepQuery.all());
    if (sequences.isEmpty() || sequences.get(0).data().isEmpty()) {
      return Optional.empty();
    }
    List<BlobSequenceDatum> entries = sequences.get(0).data();
    List<BlobRef> blobs = entries.get(entries.size() - 1).blobs();
    BlobRef last = blobs.get(blobs.size() - 1);
    Blob blob;
    try {
      blob = data.readBlob(last.key()).orElseThrow(
          () -> new GraphUnreadableException("the graph of run '" + run + "' is no longer in its log", null));
    } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
      throw new GraphUnreadableException("the graph of run '" + run + "' cannot be read: " + e.getMessage(), e);
    }
    return Optional.of(parse(run, blob.data()));
  }

  /** A graph blob's JSON (docs/event-log-format.md, "The graph blob") as a document. */
  static GraphDocument parse(String run, byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new GraphUnreadableException("the graph of run '" + run + "' is not valid JSON: " + e.getMessage(), e);
    }
    JsonNode nodes = root == null ? null : root.get("nodes");
    if (nodes == null || !nodes.isArray()) {
      throw new GraphUnreadableException("the graph of run '" + run + "' has no node list", null);
    }
    Set<String> names = new HashSet<>();
    List<String[]> scoped = new ArrayList<>(nodes.size());
    for (JsonNode n : nodes) {
      String name = n.path("name").asText("");
      if (name.isEmpty() || !names.add(name)) {
        throw new GraphUnreadableException(
            "the graph of run '" + run + "' has a node " + (name.isEmpty() ? "without a name" : "named '" + name + "' twice"), null);
      }
      scoped.add(name.split("/", -1));
    }
    Map<String, Integer> groupSizes = NameScopes.groups(scoped);
    List<GraphDocument.Node> out = new ArrayList<>(nodes.size());
    int i = 0;
    for (JsonNode n : nodes) {
      String name = n.get("name").asText();
      out.add(new GraphDocument.Node(
          name,
          n.path("op").asText(""),
          strings(n.path("inputs")),
          n.path("device").asText(""),
          attributes(n.path("attrs")),
          longs(n.path("output_shape")),
          n.path("params").asLong(0),
          NameScopes.groupOf(scoped.get(i++), groupSizes)));
    }
    List<GraphDocument.Group> groups = new ArrayList<>(groupSizes.size());
    groupSizes.forEach((name, count) -> groups.add(new GraphDocument.Group(name, NameScopes.parent(name), count)));
    return new GraphDocument(run, root.path("source").asText(""), out, groups);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>(array.size());
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>(array.size());
    array.forEach(v -> out.add(v.asLong()));
    return out;
  }

  private static Map<String, String> attributes(JsonNode object) {
    Map<String, String> out = new TreeMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return new LinkedHashMap<>(out);
  }
}
