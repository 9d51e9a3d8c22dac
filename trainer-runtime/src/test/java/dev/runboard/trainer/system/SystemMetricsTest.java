package dev.runboard.trainer.system;

import static dev.runboard.trainer.RunLogs.steps;
import static dev.runboard.trainer.RunLogs.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.trainer.RunLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemMetricsTest {
  @TempDir Path run;

  @Test
  void samplesOnItsOwnThreadAtTheStepTheTrainerPublished() throws Exception {
    AtomicLong step = new AtomicLong();
    SystemMetrics metrics;
    try (EventLogWriter writer = EventLogWriter.open(run)) {
      metrics = SystemMetrics.start(writer, step::get, Duration.ofMillis(40));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      // Busy work on this thread while the sampler runs: the CPU figure must see it.
      double sink = 0;
      while (metrics.samples() < 5 && System.nanoTime() < deadline) {
        for (int i = 0; i < 200_000; i++) {
          sink += Math.sqrt(i);
        }
        step.incrementAndGet();
      }
      metrics.close();
      metrics.close(); // idempotent
      assertThat(sink).isPositive();
    }
    assertThat(metrics.failure()).isNull();
    List<LogEvent> events = RunLogs.read(run);
    List<Long> sampled = steps(events, "system/rss_mb");
    assertThat(sampled).hasSizeGreaterThanOrEqualTo(6).isSorted(); // 5 + the last one on close
    assertThat(sampled.get(sampled.size() - 1)).isEqualTo(step.get());
    assertThat(values(events, "system/rss_mb")).allMatch(v -> v > 10 && v < 1_000_000);
    assertThat(values(events, "system/heap_committed_mb")).allMatch(v -> v > 0);
    assertThat(values(events, "system/gc_percent")).allMatch(v -> v >= 0 && v <= 100 * Runtime.getRuntime().availableProcessors());
    assertThat(values(events, "system/process_cpu_percent")).anyMatch(v -> v > 10);
    assertThat(values(events, "system/machine_cpu_percent")).allMatch(v -> v >= 0 && v <= 100);
  }

  /** Without an NVIDIA driver there are no GPU scalars at all, and the status says why. */
  @Test
  void gpuMetricsAreReportedOnlyWhereNvmlWorks() throws Exception {
    SystemMetrics metrics;
    try (EventLogWriter writer = EventLogWriter.open(run)) {
      metrics = SystemMetrics.start(writer, () -> 0, Duration.ofSeconds(10));
      metrics.close();
    }
    List<LogEvent> events = RunLogs.read(run);
    if (metrics.gpuStatus().startsWith("no GPU metrics: ")) {
      assertThat(events).noneMatch(e -> e.toString().contains("system/gpu"));
    } else {
      assertThat(metrics.gpuStatus()).endsWith("GPU(s) through NVML");
      assertThat(values(events, "system/gpu0/memory_total_mb")).allMatch(v -> v > 0);
    }
  }
}
