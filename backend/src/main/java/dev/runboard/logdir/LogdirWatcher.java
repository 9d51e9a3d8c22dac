package dev.runboard.logdir;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the index live: a single thread polls known files every poll interval and walks the logdir
 * for new runs every rescan interval. Polling (rather than inotify) works the same on local disks,
 * network filesystems and bind-mounted volumes.
 */
public final class LogdirWatcher implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(LogdirWatcher.class);

  private final LogdirIndex index;
  private final LogdirProperties properties;
  private ScheduledExecutorService executor;
  private long lastScanNanos;

  public LogdirWatcher(LogdirIndex index, LogdirProperties properties) {
    this.index = index;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    log.info("Watching logdir {}", index.logdir().root());
    // Index everything that is already there before the server takes requests.
    index.refresh(true);
    lastScanNanos = System.nanoTime();
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "runboard-logdir-watcher");
              t.setDaemon(true);
              return t;
            });
    long period = properties.pollInterval().toNanos();
    executor.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.NANOSECONDS);
  }

  private void tick() {
    try {
      long now = System.nanoTime();
      boolean rescan = now - lastScanNanos >= properties.rescanInterval().toNanos();
      if (rescan) {
        lastScanNanos = now;
      }
      index.refresh(rescan);
    } catch (RuntimeException e) {
      // Keep watching: the next tick may succeed (a directory came back, a disk was remounted).
      log.warn("Indexing {} failed: {}", index.logdir().root(), e.toString(), e);
    }
  }

  @Override
  public synchronized void stop() {
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
