package dev.runboard.metrics;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The values {@code /actuator/prometheus} reports, not only their names: serving an s3:// logdir of
 * a real S3 server (S3Proxy) holding a run of {@value #POINTS} points, the points indexed, runs,
 * bytes read and S3 requests move to what was read; the stream-clients gauge follows clients that
 * connect and go.
 */
// Spring Boot tests switch metrics export off unless asked.
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PrometheusMetricsTest {
  static final int POINTS = 40;

  @TempDir static Path dir;
  static S3ProxyServer store;
  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void storeWithARun() throws Exception {
    store = S3ProxyServer.start(dir.resolve("s3"));
    store.createBucket("metrics");
    System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
    S3WriterOptions upload = S3WriterOptions.defaults().withSettings(store.settings())
        .withStagingDirectory(dir.resolve("staging"));
    try (EventLogWriter writer = EventLogWriter.open(
        URI.create("s3://metrics/runs/exp"), EventLogWriterOptions.defaults(), upload)) {
      for (int step = 0; step < POINTS; step++) {
        writer.scalar("loss", step, 1.0 / (step + 1));
      }
    }
  }

  @AfterAll
  static void stopStore() throws Exception {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    store.close();
  }

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> "s3://metrics/runs");
    registry.add("runboard.s3.endpoint", () -> store.endpoint().toString());
    registry.add("runboard.s3.poll-interval", () -> "300ms");
    registry.add("management.endpoints.web.exposure.include", () -> "health,prometheus");
    // A client that went is noticed by a write after it (often the second: the first still reaches
    // the socket buffer): heartbeats often, so that the gauge drops within the test's wait.
    registry.add("runboard.stream.heartbeat", () -> "300ms");
  }

  @Test
  void countersMoveWithWhatWasReadAndTheClientGaugeWithClients() throws Exception {
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> value(scrape(), "runboard_points_indexed_total") >= POINTS);
    String metrics = scrape();
    assertThat(value(metrics, "runboard_points_indexed_total")).isEqualTo(POINTS);
    assertThat(value(metrics, "runboard_runs")).isEqualTo(1);
    assertThat(value(metrics, "runboard_runs_loaded")).isEqualTo(1);
    assertThat(value(metrics, "runboard_log_bytes_read_bytes_total")).isPositive();
    assertThat(value(metrics, "runboard_s3_requests_total{operation=\"ListObjectsV2\"}")).isPositive();
    assertThat(value(metrics, "runboard_s3_requests_total{operation=\"GetObject\"}")).isPositive();
    assertThat(value(metrics, "runboard_s3_bytes_downloaded_bytes_total")).isPositive();
    assertThat(value(metrics, "runboard_s3_errors_total{operation=\"GetObject\"}")).isZero();
    assertThat(value(metrics, "runboard_stream_clients")).isZero();

    // Listing goes on: the request counter keeps moving while nothing else does.
    double listings = value(metrics, "runboard_s3_requests_total{operation=\"ListObjectsV2\"}");
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> value(scrape(), "runboard_s3_requests_total{operation=\"ListObjectsV2\"}") > listings);

    try (EventStreamClient client = EventStreamClient.connect(URI.create("http://localhost:" + port + "/api/v1/stream"))) {
      client.next(Duration.ofSeconds(30)); // connected and served
      assertThat(value(scrape(), "runboard_stream_clients")).isEqualTo(1);
      try (EventStreamClient second = EventStreamClient.connect(URI.create("http://localhost:" + port + "/api/v1/stream"))) {
        second.next(Duration.ofSeconds(30));
        assertThat(value(scrape(), "runboard_stream_clients")).isEqualTo(2);
      }
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> value(scrape(), "runboard_stream_clients") == 1);
    }
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> value(scrape(), "runboard_stream_clients") == 0);
  }

  private String scrape() throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** The sample {@code series} (name and labels as exposed) of the Prometheus text format. */
  private static double value(String metrics, String series) {
    Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
    assertThat(sample.find()).as(series + " in:\n" + metrics).isTrue();
    return Double.parseDouble(sample.group(1));
  }
}
