package dev.runboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.EventLogWriterOptions;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures what a user watching a run feels: the time from a writer's {@code flush()} returning to
 * the point arriving at a subscriber of {@code /api/v1/stream}, through the real file, index and
 * HTTP server. Points are flushed at random moments so that they land uniformly across the
 * service's poll interval.
 */
public final class StreamLatencyBench {
  private final URI streamUri;
  private final Path runDirectory;
  private final ObjectMapper json = new ObjectMapper();

  public StreamLatencyBench(URI streamUri, Path runDirectory) {
    this.streamUri = streamUri;
    this.runDirectory = runDirectory;
  }

  /** Flush-to-arrival latencies in milliseconds, one per point, in the order measured. */
  public double[] measure(int points, long seed) throws Exception {
    double[] latencies = new double[points];
    SplittableRandom random = new SplittableRandom(seed);
    Duration timeout = Duration.ofSeconds(10);
    try (EventStreamClient stream = EventStreamClient.connect(streamUri);
        EventLogWriter writer = EventLogWriter.open(
            runDirectory, EventLogWriterOptions.defaults().withFlushInterval(Duration.ofHours(1)))) {
      // The first point also waits for the run to be discovered: warm up with it, unmeasured.
      writer.scalar("latency", -1, 0.0);
      writer.flush();
      awaitStep(stream, -1, timeout);
      for (int i = 0; i < points; i++) {
        Thread.sleep(random.nextInt(50, 400));
        writer.scalar("latency", i, i);
        writer.flush();
        long flushed = System.nanoTime();
        long received = awaitStep(stream, i, timeout);
        latencies[i] = (received - flushed) / 1e6;
      }
    }
    return latencies;
  }

  private long awaitStep(EventStreamClient stream, long step, Duration timeout) throws Exception {
    while (true) {
      EventStreamClient.Event event = stream.next("scalars", timeout);
      JsonNode steps = json.readTree(event.data()).get("step");
      for (JsonNode s : steps) {
        if (s.asLong() == step) {
          return event.receivedNanos();
        }
      }
    }
  }

  /** Prints percentiles; the last line is {@code stream_latency_ms p50=.. p90=.. p99=.. max=..}. */
  public static void report(double[] latencies, PrintWriter out) {
    double[] sorted = latencies.clone();
    Arrays.sort(sorted);
    out.printf(
        Locale.ROOT,
        "%d points, flush to SSE arrival: min %.1f ms, mean %.1f ms%n",
        sorted.length,
        sorted[0],
        Arrays.stream(sorted).average().orElse(Double.NaN));
    out.printf(
        Locale.ROOT,
        "stream_latency_ms p50=%.1f p90=%.1f p99=%.1f max=%.1f%n",
        percentile(sorted, 0.50),
        percentile(sorted, 0.90),
        percentile(sorted, 0.99),
        sorted[sorted.length - 1]);
    out.flush();
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
