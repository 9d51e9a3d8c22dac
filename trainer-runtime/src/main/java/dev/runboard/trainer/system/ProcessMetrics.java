package dev.runboard.trainer.system;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This JVM's resource use, read from the platform MXBeans and (on Linux) {@code /proc/self/status}:
 * what W&B, Aim and MLflow show as system metrics. Rates (CPU, GC) are over the time since the
 * previous {@link #sample()}. Not thread-safe: one sampling thread.
 */
final class ProcessMetrics {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final double MB = 1024.0 * 1024.0;

  private final com.sun.management.OperatingSystemMXBean os;
  private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
  private long lastWall = System.nanoTime();
  private long lastCpu;
  private long lastGcMillis;

  ProcessMetrics() {
    java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
    os = bean instanceof com.sun.management.OperatingSystemMXBean
        ? (com.sun.management.OperatingSystemMXBean) bean : null;
    lastCpu = processCpuNanos();
    lastGcMillis = gcMillis();
  }

  /**
   * Values by tag (without the {@code system/} prefix); a value the platform cannot give is left
   * out rather than guessed.
   */
  Map<String, Double> sample() {
    Map<String, Double> values = new LinkedHashMap<>();
    long wall = System.nanoTime();
    double elapsed = Math.max(1, wall - lastWall);
    long cpu = processCpuNanos();
    if (cpu >= 0 && lastCpu >= 0) {
      // As top shows it: 100 is one core kept busy.
      values.put("process_cpu_percent", 100.0 * (cpu - lastCpu) / elapsed);
    }
    if (os != null) {
      double machine = os.getCpuLoad();
      if (machine >= 0) {
        values.put("machine_cpu_percent", 100.0 * machine);
      }
    }
    long rss = residentBytes();
    if (rss >= 0) {
      values.put("rss_mb", rss / MB);
    }
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    values.put("heap_used_mb", heap.getUsed() / MB);
    values.put("heap_committed_mb", heap.getCommitted() / MB);
    long gc = gcMillis();
    values.put("gc_seconds", gc / 1000.0);
    values.put("gc_percent", 100.0 * (gc - lastGcMillis) * 1e6 / elapsed);
    lastWall = wall;
    lastCpu = cpu;
    lastGcMillis = gc;
    return values;
  }

  private long processCpuNanos() {
    return os == null ? -1 : os.getProcessCpuTime();
  }

  private long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean collector : collectors) {
      total += Math.max(0, collector.getCollectionTime());
    }
    return total;
  }

  /** VmRSS from /proc/self/status, or -1 where there is none (not Linux). */
  private static long residentBytes() {
    if (!Files.isReadable(STATUS)) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024; // kB
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
