package dev.runboard.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.eventlog.EventLogWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Loading progress, problems and readiness over HTTP. The logdir holds a 1 GB run of zeros (a
 * sparse file: no disk used), which the one loader thread scans for a valid record for many
 * seconds (150 MB proved too quick: discovery now overlaps start-up, so loading starts earlier):
 * readiness must say "not ready" meanwhile, while liveness and the API answer, and the damage
 * must show in the status once read.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "runboard.index.loader-threads=1")
class StatusApiTest {
  @TempDir static Path logdir;
  private static final long ZEROS = 1L << 30;

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  @BeforeAll
  static void writeRuns() throws IOException {
    Path zeros = logdir.resolve("a-slow/events.out.tfevents.1.host");
    Files.createDirectories(zeros.getParent());
    try (RandomAccessFile file = new RandomAccessFile(zeros.toFile(), "rw")) {
      file.setLength(ZEROS);
    }
    try (EventLogWriter writer = EventLogWriter.open(logdir.resolve("b-good"))) {
      writer.scalar("loss", 0, 1_700_000_000.0, 0.5);
    }
  }

  @Test
  void readinessWaitsForTheFirstLoadWhileTheApiAnswersAndProblemsShow() throws Exception {
    assertThat(status("/actuator/health/readiness")).as("not ready while loading").isEqualTo(503);
    assertThat(status("/actuator/health/liveness")).isEqualTo(200);
    JsonNode early = get("/api/v1/status");
    assertThat(early.get("runs_discovered").asInt()).isLessThanOrEqualTo(2);
    assertThat(early.get("first_load_done").asBoolean()).isFalse();

    await().atMost(Duration.ofMinutes(10)).until(() -> status("/actuator/health/readiness") == 200);
    JsonNode done = get("/api/v1/status");
    assertThat(done.get("runs_discovered").asInt()).isEqualTo(2);
    assertThat(done.get("runs_loaded").asInt()).isEqualTo(2);
    assertThat(done.get("first_load_done").asBoolean()).isTrue();
    assertThat(done.get("bytes_total").asLong()).isGreaterThanOrEqualTo(ZEROS);
    assertThat(done.get("budget_bytes").asLong()).isPositive();
    JsonNode problem = done.get("problems").get(0);
    assertThat(problem.get("run").asText()).isEqualTo("a-slow");
    assertThat(problem.get("file").asText()).isEqualTo("a-slow/events.out.tfevents.1.host");
    assertThat(problem.get("offset").asLong()).isZero();
    assertThat(problem.get("time").asText()).isNotBlank();
    assertThat(done.get("problems_total").asLong()).isPositive();
    assertThat(get("/actuator/health").get("status").asText()).isEqualTo("UP");
  }

  private int status(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }
}
