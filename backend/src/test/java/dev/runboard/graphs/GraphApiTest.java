package dev.runboard.graphs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.GraphEvent;
import dev.runboard.eventlog.tfevents.proto.GraphProtos.GraphDef;
import dev.runboard.eventlog.tfevents.proto.GraphProtos.NodeDef;
import dev.runboard.hparams.TbEvents;
import dev.runboard.trainer.losses.SparseCategoricalCrossentropy;
import dev.runboard.trainer.metrics.Accuracy;
import dev.runboard.trainer.model.SeedModels;
import dev.runboard.trainer.model.Sequential;
import dev.runboard.trainer.optimizers.Adam;
import dev.runboard.web.ServerReady;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /api/v1/graph}: the seed CNN as the trainer logs it reads like Keras's {@code summary()};
 * a graph_def that is not a GraphDef, and one damaged after it was indexed, get problem documents
 * while the other runs' graphs are still served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GraphApiTest {
  @TempDir static Path logdir;
  private static Sequential cnn;
  private static Path tamperedFile;

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  @BeforeAll
  static void writeLogdir() throws Exception {
    cnn = SeedModels.seedCnn(28, 28, 1, 10);
    cnn.compile(new Adam(0.001), new SparseCategoricalCrossentropy(), new Accuracy());
    try (EventLogWriter writer = EventLogWriter.open(logdir.resolve("cnn/train"))) {
      writer.write(new GraphEvent(1_700_000_000, cnn.graph()));
    }
    // A graph_def record whose CRCs are right but whose bytes are no GraphDef.
    TbEvents.write(logdir.resolve("broken"), "a",
        List.of(TbEvents.graphDef(1_700_000_000, new byte[] {0x0a, (byte) 0xff, (byte) 0xff, 0x01})));
    GraphDef small = GraphDef.newBuilder()
        .addNode(NodeDef.newBuilder().setName("x").setOp("Placeholder").setDevice("/device:CPU:0"))
        .addNode(NodeDef.newBuilder().setName("layer/w").setOp("VariableV2"))
        .addNode(NodeDef.newBuilder().setName("layer/MatMul").setOp("MatMul").addInput("x").addInput("layer/w"))
        .build();
    tamperedFile = TbEvents.write(logdir.resolve("tampered"), "a", List.of(TbEvents.graphDef(1_700_000_000, small.toByteArray())));
  }

  @BeforeEach
  void loaded() {
    ServerReady.await(port);
  }

  @Test
  void theSeedCnnReadsLikeKerasSummary() throws Exception {
    JsonNode graph = get("/api/v1/graph?run=" + enc("cnn/train"));
    assertThat(graph.get("run").asText()).isEqualTo("cnn/train");
    assertThat(graph.get("source").asText()).isEqualTo("runboard");
    JsonNode nodes = graph.get("nodes");
    assertThat(nodes.get(0).get("name").asText()).isEqualTo("sequential/input");
    assertThat(nodes.get(0).get("op").asText()).isEqualTo("InputLayer");
    // Keras: the same model on 28x28x1 has these output shapes and parameter counts.
    List<String> layers = new ArrayList<>();
    for (int i = 1; i < nodes.size(); i++) {
      JsonNode n = nodes.get(i);
      layers.add(n.get("op").asText() + " " + n.get("output_shape") + " " + n.get("params").asLong());
      assertThat(n.get("inputs").get(0).asText()).isEqualTo(nodes.get(i - 1).get("name").asText());
    }
    assertThat(layers).containsExactly(
        "Conv2D [-1,26,26,32] 320",
        "MaxPooling2D [-1,13,13,32] 0",
        "Conv2D [-1,11,11,64] 18496",
        "MaxPooling2D [-1,5,5,64] 0",
        "Conv2D [-1,3,3,64] 36928",
        "Flatten [-1,576] 0",
        "Dense [-1,64] 36928",
        "Dropout [-1,64] 0",
        "Dense [-1,10] 650");
    assertThat(nodes.get(1).get("attrs").get("filters").asText()).isEqualTo("32");
    assertThat(nodes.get(9).get("attrs").get("activation").asText()).isEqualTo("softmax");
    // ... and the very numbers the trainer's own summary() prints.
    Matcher rows = Pattern.compile("^ (\\S+) \\((\\w+)\\)\\s+\\((None(?:, \\d+)+)\\)\\s+(\\d+)\\s*$", Pattern.MULTILINE)
        .matcher(cnn.summary());
    int row = 1;
    while (rows.find()) {
      JsonNode n = nodes.get(row++);
      assertThat(n.get("name").asText()).isEqualTo("sequential/" + rows.group(1));
      assertThat(n.get("op").asText()).isEqualTo(rows.group(2));
      assertThat("(" + rows.group(3) + ")").isEqualTo(shapeText(n.get("output_shape")));
      assertThat(n.get("params").asLong()).isEqualTo(Long.parseLong(rows.group(4)));
    }
    assertThat(row).isEqualTo(nodes.size());
    assertThat(graph.get("groups")).hasSize(1);
    assertThat(graph.get("groups").get(0).get("name").asText()).isEqualTo("sequential");
    assertThat(graph.get("groups").get(0).get("nodes").asInt()).isEqualTo(10);
  }

  @Test
  void aGraphDefThatIsNotAGraphIs404WithTheProblemListedAndOthersAreServed() throws Exception {
    HttpResponse<String> broken = send("/api/v1/graph?run=broken");
    assertThat(broken.statusCode()).isEqualTo(404);
    assertThat(broken.headers().firstValue("content-type").orElse("")).contains("application/problem+json");
    assertThat(broken.body()).contains("run 'broken' has no graph");
    JsonNode problems = get("/api/v1/status").get("problems");
    assertThat(problems.toString()).contains("graph_def skipped");
    assertThat(send("/api/v1/graph?run=cnn/train").statusCode()).isEqualTo(200);
    assertThat(send("/api/v1/graph?run=nope").body()).contains("no run named 'nope'");
    assertThat(send("/api/v1/graph").statusCode()).isEqualTo(400);
  }

  @Test
  void aGraphDamagedAfterItWasIndexedIs422AndOthersAreServed() throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> send("/api/v1/graph?run=tampered").statusCode() == 200);
    JsonNode before = get("/api/v1/graph?run=tampered");
    assertThat(before.get("source").asText()).isEqualTo("tensorflow");
    assertThat(before.get("nodes").get(0).get("device").asText()).isEqualTo("/device:CPU:0");
    assertThat(before.get("nodes").get(2).get("inputs").toString()).isEqualTo("[\"x\",\"layer/w\"]");
    assertThat(before.get("groups").get(0).get("name").asText()).isEqualTo("layer");
    // Flip a byte inside the graph record's payload (the file keeps its size: nothing to re-read).
    try (FileChannel file = FileChannel.open(tamperedFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long at = file.size() - 10;
      ByteBuffer b = ByteBuffer.allocate(1);
      file.read(b, at);
      b.put(0, (byte) (b.get(0) ^ 0x5a)).rewind();
      file.write(b, at);
    }
    HttpResponse<String> damaged = send("/api/v1/graph?run=tampered");
    assertThat(damaged.statusCode()).isEqualTo(422);
    assertThat(damaged.headers().firstValue("content-type").orElse("")).contains("application/problem+json");
    assertThat(damaged.body()).contains("the graph of run 'tampered' cannot be read");
    assertThat(send("/api/v1/graph?run=cnn/train").statusCode()).isEqualTo(200);
  }

  private static String shapeText(JsonNode shape) {
    List<String> dims = new ArrayList<>();
    shape.forEach(d -> dims.add(d.asLong() < 0 ? "None" : d.asText()));
    return "(" + String.join(", ", dims) + ")";
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = send(path);
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private HttpResponse<String> send(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
