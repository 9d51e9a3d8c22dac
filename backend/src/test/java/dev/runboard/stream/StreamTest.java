package dev.runboard.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.bench.EventStreamClient;
import dev.runboard.eventlog.EventLogWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A writer appends to a run while a real SSE client listens to a real server: every point arrives,
 * and within a second of the writer's flush.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StreamTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir static Path logdir;

  @LocalServerPort int port;
  private final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  @Test
  void pointsFlushedByAWriterReachASubscriberWithinASecond() throws Exception {
    List<Double> latenciesMillis = new ArrayList<>();
    try (EventStreamClient stream =
            EventStreamClient.connect(URI.create("http://localhost:" + port + "/api/v1/stream"));
        EventLogWriter writer = EventLogWriter.open(logdir.resolve("live"))) {
      EventStreamClient.Event hello = stream.next(TIMEOUT);
      assertThat(hello.name()).isEqualTo("comment");
      assertThat(hello.data()).isEqualTo("connected");

      for (int step = 0; step < 5; step++) {
        writer.scalar("loss", step, 1.0 / (step + 1));
        writer.flush();
        long flushed = System.nanoTime();
        if (step == 0) {
          EventStreamClient.Event run = stream.next("run", TIMEOUT);
          assertThat(json.readTree(run.data()).get("name").asText()).isEqualTo("live");
        }
        EventStreamClient.Event event = stream.next("scalars", TIMEOUT);
        JsonNode data = json.readTree(event.data());
        assertThat(data.get("run").asText()).isEqualTo("live");
        assertThat(data.get("tag").asText()).isEqualTo("loss");
        assertThat(data.get("step").toString()).isEqualTo("[" + step + "]");
        assertThat(data.get("value").get(0).asDouble()).isEqualTo(1.0 / (step + 1));
        assertThat(data.get("wall_time")).hasSize(1);
        latenciesMillis.add((event.receivedNanos() - flushed) / 1e6);
      }
    }
    // The first point also waits for the run to be discovered (rescan interval); later ones only
    // for the poll interval. The requirement is on the typical point: under a second after flush.
    List<Double> sorted = latenciesMillis.stream().sorted().toList();
    assertThat(sorted.get(sorted.size() / 2))
        .as("median latency of %s ms", latenciesMillis)
        .isLessThan(1000.0);
  }
}
