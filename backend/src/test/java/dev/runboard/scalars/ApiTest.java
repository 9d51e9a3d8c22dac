package dev.runboard.scalars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.eventlog.EventLogWriter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.runboard.web.ServerReady;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The REST API over a real server on a random port and real log files. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiTest {
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
  }

  @BeforeAll
  static void writeRuns() throws IOException {
    try (EventLogWriter writer = EventLogWriter.open(logdir.resolve("mnist/train"))) {
      for (int step = 0; step < 100; step++) {
        writer.scalar("epoch_loss", step, 1_764_000_000.0 + step, 1.0 / (step + 1));
      }
      writer.scalar("epoch_accuracy", 0, 1_764_000_000.5, Double.NaN);
    }
  }

  @Test
  void runsListsEveryRunWithItsTags() throws Exception {
    JsonNode runs = get("/api/v1/runs", 200);
    assertThat(runs.isArray()).isTrue();
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("name").asText()).isEqualTo("mnist/train");
    assertThat(runs.get(0).get("scalar_tags").toString()).isEqualTo("[\"epoch_accuracy\",\"epoch_loss\"]");
  }

  @Test
  void scalarsReturnsEveryPointColumnByColumn() throws Exception {
    JsonNode body = get("/api/v1/scalars?run=" + enc("mnist/train") + "&tag=epoch_loss", 200);
    assertThat(body.get("run").asText()).isEqualTo("mnist/train");
    assertThat(body.get("tag").asText()).isEqualTo("epoch_loss");
    assertThat(body.get("step")).hasSize(100);
    assertThat(body.get("wall_time")).hasSize(100);
    assertThat(body.get("value")).hasSize(100);
    assertThat(body.get("step").get(99).asLong()).isEqualTo(99);
    assertThat(body.get("wall_time").get(99).asDouble()).isEqualTo(1_764_000_099.0);
    assertThat(body.get("value").get(3).asDouble()).isEqualTo(0.25);
  }

  @Test
  void nanTravelsAsTheStringNaN() throws Exception {
    JsonNode body = get("/api/v1/scalars?run=" + enc("mnist/train") + "&tag=epoch_accuracy", 200);
    assertThat(body.get("value").get(0).asText()).isEqualTo("NaN");
  }

  @Test
  void unknownRunOrTagIsA404WithAJsonError() throws Exception {
    JsonNode run = get("/api/v1/scalars?run=nope&tag=epoch_loss", 404);
    assertThat(run.get("status").asInt()).isEqualTo(404);
    assertThat(run.get("detail").asText()).isEqualTo("unknown run 'nope'");

    JsonNode tag = get("/api/v1/scalars?run=" + enc("mnist/train") + "&tag=nope", 404);
    assertThat(tag.get("detail").asText()).isEqualTo("run 'mnist/train' has no scalar tag 'nope'");
  }

  @Test
  void aMissingParameterIsA400WithAJsonError() throws Exception {
    JsonNode body = get("/api/v1/scalars?run=x", 400);
    assertThat(body.get("detail").asText()).contains("tag");
  }

  @Test
  void newRunsAppearWhileTheServerRuns() throws Exception {
    try (EventLogWriter writer = EventLogWriter.open(logdir.resolve("late run"))) {
      writer.scalar("loss", 0, 0.5);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(get("/api/v1/runs", 200).findValuesAsText("name"))
                    .contains("late run"));
  }

  @Test
  void unknownApiPathsAre404ProblemDocumentsNotTheUiPage() throws Exception {
    for (String path : new String[] {"/api/v1/nope", "/api/v2/x", "/api/", "/api"}) {
      HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).build());
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.headers().firstValue("content-type").orElse(""))
          .as(path)
          .startsWith("application/problem+json");
      JsonNode problem = json.readTree(response.body());
      assertThat(problem.get("status").asInt()).isEqualTo(404);
      assertThat(problem.get("detail").asText()).isEqualTo("no API endpoint at GET " + path);
      assertThat(problem.get("instance").asText()).isEqualTo(path);
    }
    // A known path with another method is still a 405, and the UI still answers outside /api.
    HttpResponse<String> post =
        send(HttpRequest.newBuilder(uri("/api/v1/runs")).POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(post.statusCode()).isEqualTo(405);
    HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/some/view")).build());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type").orElse("")).startsWith("text/html");
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void actuatorHealthIsUp() throws Exception {
    assertThat(get("/actuator/health", 200).get("status").asText()).isEqualTo("UP");
  }

  private JsonNode get(String path, int expectedStatus) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("status of %s: %s", path, response.body()).isEqualTo(expectedStatus);
    assertThat(response.headers().firstValue("content-type").orElse("")).contains("json");
    return json.readTree(response.body());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
