package dev.runboard.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.trainer.data.SyntheticDataset;
import dev.runboard.trainer.data.TrainTestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The trainer's loss curves reach the dashboard while training runs: a real training thread logs
 * through the Runboard logger into the served logdir, and the REST API, polled over HTTP, shows
 * the batch and epoch curves growing before training ends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveTrainingTest {
  @TempDir static Path logdir;

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  @Test
  void lossCurvesAreServedWhileTrainingRuns() throws Exception {
    TrainTestData data = SyntheticDataset.generate(1_000, 100, 6);
    // Many epochs: only the interrupt at the end stops it, so every check below happens live.
    TrainingConfig config =
        TrainingConfig.defaults().withModel(TrainingConfig.MLP).withEpochs(10_000).withBatchSize(20);
    PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread training =
        new Thread(() -> {
          try {
            DemoTraining.run(logdir.resolve("live"), config, console, data);
          } catch (Throwable t) {
            outcome.set(t);
          }
        });
    training.start();
    try {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        JsonNode batch = get("/api/v1/scalars?run=live/train&tag=batch_loss");
        assertThat(batch.get("step").size()).isGreaterThan(40);
      });
      int seen = get("/api/v1/scalars?run=live/train&tag=batch_loss").get("step").size();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        assertThat(get("/api/v1/scalars?run=live/train&tag=batch_loss").get("step").size()).isGreaterThan(seen);
        assertThat(get("/api/v1/scalars?run=live/validation&tag=epoch_loss").get("step").size()).isPositive();
        assertThat(get("/api/v1/scalars?run=live/train&tag=epoch_accuracy").get("step").size()).isPositive();
      });
      assertThat(training.isAlive()).as("still training while the curves grew").isTrue();
    } finally {
      training.interrupt();
      training.join(20_000);
    }
    assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return json.readTree(response.body());
  }
}
