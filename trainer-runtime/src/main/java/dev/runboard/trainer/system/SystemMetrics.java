package dev.runboard.trainer.system;

import dev.runboard.eventlog.EventLogWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Samples system metrics on its own thread and logs them as {@code system/*} scalars: process CPU
 * ({@code process_cpu_percent}, 100 = one core), the machine's CPU ({@code machine_cpu_percent}),
 * resident memory ({@code rss_mb}), the JVM heap ({@code heap_used_mb}, {@code
 * heap_committed_mb}), garbage collection ({@code gc_seconds} so far, {@code gc_percent} of the
 * interval) and, where NVML finds NVIDIA GPUs, {@code gpu<i>/utilization_percent}, {@code
 * gpu<i>/memory_utilization_percent}, {@code gpu<i>/memory_used_mb} and {@code
 * gpu<i>/memory_total_mb}.
 *
 * <p>The training thread never waits for a sample: it only publishes its step through the {@code
 * step} supplier (a volatile read here). Logging a scalar takes the writer's lock for the time of
 * a buffer append. A failing sample stops the sampler (see {@link #failure()}) but never training.
 */
public final class SystemMetrics implements AutoCloseable {
  /** W&B's default. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  public static final String PREFIX = "system/";

  private final EventLogWriter writer;
  private final LongSupplier step;
  private final long intervalNanos;
  private final ProcessMetrics process = new ProcessMetrics();
  private final GpuMetrics gpus;
  private final String gpuStatus;
  private final Thread thread;
  private final Object lock = new Object();
  private boolean stopping; // guarded by lock
  private boolean closed; // guarded by lock
  private volatile Throwable failure;
  private volatile int samples;

  private SystemMetrics(EventLogWriter writer, LongSupplier step, Duration interval) {
    this.writer = Objects.requireNonNull(writer, "writer");
    this.step = Objects.requireNonNull(step, "step");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the sampling interval must be positive, was " + interval);
    }
    this.intervalNanos = interval.toNanos();
    GpuMetrics found = null;
    String status;
    try {
      found = GpuMetrics.open();
      status = found.deviceCount() + " GPU(s) through NVML";
    } catch (RuntimeException | LinkageError e) {
      status = "no GPU metrics: " + e.getMessage();
    }
    this.gpus = found;
    this.gpuStatus = status;
    thread = new Thread(this::run, "runboard-system-metrics");
    thread.setDaemon(true);
  }

  /**
   * Starts sampling into {@code writer}: one sample at once, then one every {@code interval}, and a
   * last one on {@link #close()}. Each is logged at the step {@code step} returns at that moment.
   */
  public static SystemMetrics start(EventLogWriter writer, LongSupplier step, Duration interval) {
    SystemMetrics metrics = new SystemMetrics(writer, step, interval);
    metrics.thread.start();
    return metrics;
  }

  /** Whether GPU metrics are logged, or why not (e.g. no NVIDIA driver on this machine). */
  public String gpuStatus() {
    return gpuStatus;
  }

  /** Samples logged so far. */
  public int samples() {
    return samples;
  }

  /** What stopped the sampler early, or null. */
  public Throwable failure() {
    return failure;
  }

  private void run() {
    try {
      while (true) {
        sampleOnce();
        synchronized (lock) {
          long deadline = System.nanoTime() + intervalNanos;
          long left;
          while (!stopping && (left = deadline - System.nanoTime()) > 0) {
            lock.wait(left / 1_000_000, (int) (left % 1_000_000));
          }
          if (stopping) {
            break;
          }
        }
      }
      sampleOnce(); // the last interval, so that short runs have an end value too
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      failure = e;
    }
  }

  private void sampleOnce() {
    long at = step.getAsLong();
    double now = System.currentTimeMillis() / 1000.0;
    log(process.sample(), at, now);
    if (gpus != null) {
      log(gpus.sample(), at, now);
    }
    samples++;
  }

  private void log(Map<String, Double> values, long at, double now) {
    for (Map.Entry<String, Double> e : values.entrySet()) {
      writer.scalar(PREFIX + e.getKey(), at, now, e.getValue());
    }
  }

  /** Stops the thread after a last sample; the writer stays open. Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      stopping = true;
      lock.notifyAll();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (gpus != null) {
        gpus.close();
      }
    }
  }
}
