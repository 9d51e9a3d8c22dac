package dev.runboard.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.bench.EventStreamClient;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.EventLogWriterOptions;
import dev.runboard.eventlog.s3.S3ProxyServer;
import dev.runboard.eventlog.s3.S3WriterOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The server on an s3:// logdir of a real S3 server (S3Proxy): a writer in another "machine" (its
 * own staging directory and S3 client) logs into the bucket, and its points reach a subscriber of
 * the server's event stream through the object store; the status shows the listing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class S3ServeTest {
  @TempDir static Path dir;
  static S3ProxyServer server;

  @LocalServerPort int port;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void startStore() throws Exception {
    server = S3ProxyServer.start(dir.resolve("s3"));
    server.createBucket("team");
    System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
  }

  @AfterAll
  static void stopStore() throws Exception {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    server.close();
  }

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> "s3://team/served");
    registry.add("runboard.s3.endpoint", () -> server.endpoint().toString());
    registry.add("runboard.s3.poll-interval", () -> "300ms");
  }

  @Test
  void pointsLoggedIntoTheBucketReachAStreamSubscriber() throws Exception {
    S3WriterOptions upload = S3WriterOptions.defaults()
        .withSettings(server.settings())
        .withStagingDirectory(dir.resolve("trainer-staging"))
        .withFlushInterval(Duration.ofMillis(300));
    Set<Long> seen = new HashSet<>();
    try (EventStreamClient stream =
            EventStreamClient.connect(URI.create("http://localhost:" + port + "/api/v1/stream"));
        EventLogWriter writer = EventLogWriter.open(
            URI.create("s3://team/served/exp/train"), EventLogWriterOptions.defaults(), upload)) {
      for (int step = 0; step < 20; step++) {
        writer.scalar("loss", step, 1.0 / (step + 1));
      }
      writer.flush();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seen.size() < 20 && System.nanoTime() < deadline) {
        EventStreamClient.Event event = stream.next("scalars", Duration.ofSeconds(30));
        JsonNode data = json.readTree(event.data());
        if (data.get("run").asText().equals("exp/train") && data.get("tag").asText().equals("loss")) {
          data.get("step").forEach(s -> seen.add(s.asLong()));
        }
      }
    }
    assertThat(seen).hasSize(20);

    JsonNode status = json.readTree(get("/api/v1/status"));
    JsonNode logdir = status.get("logdirs").get(0);
    assertThat(logdir.get("kind").asText()).isEqualTo("s3");
    assertThat(logdir.get("location").asText()).isEqualTo("s3://team/served/");
    assertThat(logdir.get("interval_ms").asLong()).isEqualTo(300);
    assertThat(logdir.get("files").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(logdir.get("last_error").isNull()).isTrue();
    assertThat(json.readTree(get("/api/v1/runs")).findValuesAsText("name")).contains("exp/train");
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
