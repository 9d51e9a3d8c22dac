package dev.runboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.bench.EventStreamClient;
import dev.runboard.eventlog.s3.S3ProxyServer;
import dev.runboard.web.RawHttp;
import dev.runboard.web.RunboardProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack's topology without Docker: an S3 server (S3Proxy, standing in for MinIO), a
 * {@code runboard serve} process reading {@code s3://team/runs/} with token authentication and a
 * {@code runboard train} process writing into the same bucket, all real processes on loopback that
 * share nothing but the bucket. Points the trainer logs reach a subscriber of the dashboard's event
 * stream, and nothing is served without the token.
 */
class TeamTopologyTest {
  private static final Pattern ANNOUNCED =
      Pattern.compile("Runboard is serving s3://team/runs/ at http://127\\.0\\.0\\.1:(\\d+)/\\?token=(\\S+)");

  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aTrainerOnAnotherProcessReachesTheDashboardThroughTheBucketAndTheTokenIsRequired() throws Exception {
    try (S3ProxyServer store = S3ProxyServer.start(dir.resolve("s3"))) {
      store.createBucket("team");
      String endpoint = store.endpoint().toString();
      try (RunboardProcess serve = RunboardProcess.start(dir, List.of("-Drunboard.s3.poll-interval=500ms"), AWS,
          "serve", "--logdir", "s3://team/runs/", "--s3-endpoint", endpoint, "--auth", "token",
          "--host", "127.0.0.1", "--port", "0")) {
        Matcher announced = serve.await(ANNOUNCED, Duration.ofMinutes(4));
        int port = Integer.parseInt(announced.group(1));
        String token = announced.group(2);
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);

        for (String path : new String[] {"/api/v1/runs", "/api/v1/stream", "/api/v1/status", "/",
            "/api/v1/runs?token=" + token.substring(1)}) {
          assertThat(RawHttp.get(port, path, Map.of()).status()).as(path).isEqualTo(401);
        }
        assertThat(RawHttp.get(port, "/actuator/health", Map.of()).status()).isEqualTo(200);

        HttpClient http = HttpClient.newHttpClient();
        try (EventStreamClient stream = EventStreamClient.connect(http,
                URI.create("http://127.0.0.1:" + port + "/api/v1/stream"), Map.of("Authorization", "Bearer " + token));
            RunboardProcess train = RunboardProcess.start(dir, List.of(), AWS,
                "train", "--logdir", "s3://team/runs/", "--s3-endpoint", endpoint, "--run", "mlp",
                "--dataset", "synthetic", "--train-examples", "300", "--epochs", "1", "--batch-size", "50", "--model-dir", dir.resolve("models").toString())) {
          List<String> tags = new ArrayList<>();
          long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
          while (tags.isEmpty()) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative()) {
              left = Duration.ZERO;
            }
            EventStreamClient.Event event;
            try {
              event = stream.next("scalars", left);
            } catch (TimeoutException e) {
              throw new AssertionError("no scalars of run mlp on the stream; trainer said:\n" + train.output()
                  + "\nserver said:\n" + serve.output(), e);
            }
            JsonNode data = json.readTree(event.data());
            if (data.get("run").asText().startsWith("mlp/")) { // the trainer logs mlp/train, mlp/validation
              tags.add(data.get("tag").asText());
            }
          }
          assertThat(train.waitFor(Duration.ofMinutes(4))).as(train.output()).isZero();
          assertThat(train.output()).containsPattern("test_accuracy=[01]\\.\\d{4}");
        }

        RawHttp.Response runs = RawHttp.get(port, "/api/v1/runs", Map.of("Cookie", "runboard_token=" + token));
        assertThat(runs.status()).isEqualTo(200);
        assertThat(json.readTree(runs.body()).findValuesAsText("name")).contains("mlp/train");
        RawHttp.Response status = RawHttp.get(port, "/api/v1/status", Map.of("Authorization", "Bearer " + token));
        assertThat(json.readTree(status.body()).get("logdirs").get(0).get("kind").asText()).isEqualTo("s3");
      }
    }
  }

  /** Credentials and region the standard way, as on a team's machines. */
  private static final Map<String, String> AWS = Map.of(
      "AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
      "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY,
      "AWS_REGION", "us-east-1");
}
