package dev.runboard.scalars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.eventlog.tfevents.TfRecordWriter;
import dev.runboard.eventlog.tfevents.proto.EventProtos.Event;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.Summary;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.SummaryMetadata;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.DataType;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.TensorProto;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.runboard.web.ServerReady;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A TensorBoard event file written while the real server runs is tailed live. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TfEventsApiTest {
  @TempDir static Path logdir;

  @LocalServerPort int port;

  @BeforeEach
  void loaded() {
    ServerReady.await(port);
  }
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
    registry.add("runboard.poll-interval", () -> "50ms");
    registry.add("runboard.rescan-interval", () -> "100ms");
  }

  @Test
  void anEventFileGrownRecordByRecordAndCutMidRecordIsTailedLive() throws Exception {
    Path run = logdir.resolve("tf2 run/train");
    Files.createDirectories(run);
    Path file = run.resolve("events.out.tfevents.1700000000.host.1.v2");
    Files.write(file, TfRecordWriter.frame(fileVersion().toByteArray()));
    String scalars = "/api/v1/scalars?run=" + enc("tf2 run/train") + "&tag=epoch_loss";

    List<Long> expectedSteps = new ArrayList<>();
    for (int step = 0; step < 6; step++) {
      byte[] record = TfRecordWriter.frame(tensorScalar(step, 1.0f / (step + 1)).toByteArray());
      // Half a record first: the server must not show it, nor fail on it.
      int half = record.length / 2;
      append(file, Arrays.copyOf(record, half));
      if (step > 0) {
        Thread.sleep(150); // at least one poll sees the cut record
        assertThat(get(scalars).get("step")).hasSize(step);
      }
      append(file, Arrays.copyOfRange(record, half, record.length));
      expectedSteps.add((long) step);
      int expectedPoints = step + 1;
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(get(scalars).get("step")).hasSize(expectedPoints));
    }
    JsonNode body = get(scalars);
    List<Long> steps = new ArrayList<>();
    body.get("step").forEach(s -> steps.add(s.asLong()));
    assertThat(steps).isEqualTo(expectedSteps);
    assertThat(body.get("value").get(3).asDouble()).isEqualTo(0.25);
    assertThat(body.get("wall_time").get(5).asDouble()).isEqualTo(1_700_000_005.0);
    JsonNode runs = json.readTree(send("/api/v1/runs").body());
    assertThat(runs.findValuesAsText("name")).contains("tf2 run/train");
  }

  private static Event fileVersion() {
    return Event.newBuilder().setWallTime(1_700_000_000.0).setFileVersion("brain.Event:2").build();
  }

  /** As TF2 writes scalars: a rank-0 float tensor with the "scalars" plugin's metadata. */
  private static Event tensorScalar(long step, float value) {
    TensorProto tensor = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).addFloatVal(value).build();
    SummaryMetadata metadata =
        SummaryMetadata.newBuilder()
            .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName(com.google.protobuf.ByteString.copyFromUtf8("scalars")))
            .build();
    return Event.newBuilder()
        .setWallTime(1_700_000_000.0 + step)
        .setStep(step)
        .setSummary(Summary.newBuilder().addValue(
            Summary.Value.newBuilder().setTag(com.google.protobuf.ByteString.copyFromUtf8("epoch_loss")).setMetadata(metadata).setTensor(tensor)))
        .build();
  }

  private static void append(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
      out.write(bytes);
    }
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = send(path);
    if (response.statusCode() == 404) {
      // Not indexed yet: no run or no tag so far reads as no points.
      return json.readTree("{\"step\":[]}");
    }
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private HttpResponse<String> send(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
