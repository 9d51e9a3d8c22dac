package dev.runboard.graphs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.eventlog.tfevents.proto.EventProtos.Event;
import dev.runboard.eventlog.tfevents.proto.GraphProtos.GraphDef;
import dev.runboard.logdir.TfEventsTestdata;
import dev.runboard.web.ServerReady;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The graph and hparams APIs over the shared folder of real TensorBoard logdirs: every graph_def
 * in it is served with every node, and PyTorch's add_hparams sub-run is a session of its parent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TestdataGraphsAndHParamsTest {
  private static final String PYTORCH_HPARAMS = "ZeroToMax-ZYZ__study_tensorboard/runs/hparams_search_exp_1";

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void requireTestdata() {
    TfEventsTestdata.root();
  }

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> System.getProperty("runboard.testdata", "../../shared/testdata/tfevents"));
  }

  @BeforeEach
  void loaded() {
    ServerReady.await(port);
  }

  @Test
  void everyGraphDefIsServedWithItsNodeCount() throws Exception {
    Map<String, Integer> expected = graphDefNodeCounts(TfEventsTestdata.root());
    // Counted with Python's protobuf too: TensorFlow 1's MNIST tutorial graph and PyTorch's traced CNN.
    assertThat(expected).containsEntry("MorvanZhou__tutorials/tensorflowTUT/tf15_tensorboard/logs", 143)
        .containsEntry("ZeroToMax-ZYZ__study_tensorboard/runs/graph_experiment", 30);
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      JsonNode graph = get("/api/v1/graph?run=" + URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8));
      assertThat(graph.get("nodes")).as(e.getKey()).hasSize(e.getValue());
    }
    JsonNode tf = get("/api/v1/graph?run=" + URLEncoder.encode("MorvanZhou__tutorials/tensorflowTUT/tf15_tensorboard/logs", StandardCharsets.UTF_8));
    assertThat(tf.get("source").asText()).isEqualTo("tensorflow");
    assertThat(tf.get("groups").toString()).contains("{\"name\":\"inputs\",\"parent\":\"\"", "\"name\":\"train\"");
    JsonNode pytorch = get("/api/v1/graph?run=" + URLEncoder.encode("ZeroToMax-ZYZ__study_tensorboard/runs/graph_experiment", StandardCharsets.UTF_8));
    assertThat(pytorch.get("source").asText()).isEqualTo("pytorch");
    assertThat(pytorch.get("groups").toString()).contains("{\"name\":\"SimpleCNN\",\"parent\":\"\"");
  }

  @Test
  void pytorchAddHParamsSubRunIsASessionOfItsParent() throws Exception {
    JsonNode table = get("/api/v1/hparams");
    JsonNode session = null;
    for (JsonNode s : table.get("sessions")) {
      if (s.get("run").asText().equals(PYTORCH_HPARAMS)) {
        session = s;
      }
    }
    assertThat(session).as(table.toString()).isNotNull();
    assertThat(session.get("session_run").asText()).isEqualTo(PYTORCH_HPARAMS + "/1771595857.3236299");
    assertThat(session.get("hparams").get("batch_size").asDouble()).isEqualTo(32.0);
    assertThat(session.get("hparams").get("lr").asDouble()).isEqualTo(0.1);
    assertThat(session.get("hparams").get("optimizer").asText()).isEqualTo("SGD");
    assertThat(session.get("status").asText()).isEqualTo("success");
    assertThat(session.get("metrics").get("hparam/Final_Val_Accuracy").get("value").asDouble()).isEqualTo(84.03559875488281);
    assertThat(session.get("metrics").get("hparam/Final_Val_Loss").get("value").asDouble()).isEqualTo(1.183273196220398);
    assertThat(session.get("runs").toString()).contains("\"" + PYTORCH_HPARAMS + "\"");
  }

  /** Per run, the nodes of its last graph_def, read with protobuf straight from the files. */
  private static Map<String, Integer> graphDefNodeCounts(Path root) throws IOException {
    Map<String, Integer> counts = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().contains("tfevents")).sorted().toList();
    }
    for (Path file : files) {
      ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      while (data.remaining() >= 12) {
        int length = (int) data.getLong();
        data.getInt();
        byte[] payload = new byte[length];
        data.get(payload);
        data.getInt();
        Event event = Event.parseFrom(payload);
        if (event.hasGraphDef()) {
          String run = root.relativize(file.getParent()).toString().replace('\\', '/');
          counts.put(run, GraphDef.parseFrom(event.getGraphDef()).getNodeCount());
        }
      }
    }
    return counts;
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }
}
