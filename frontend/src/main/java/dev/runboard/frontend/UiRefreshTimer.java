package dev.runboard.frontend;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One small timer thread for every open page's periodic refreshes (the loading indicator): each
 * tick only schedules a UI access, so one thread serves any number of tabs.
 */
public final class UiRefreshTimer implements AutoCloseable {
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "runboard-ui-refresh");
    t.setDaemon(true);
    return t;
  });

  public ScheduledFuture<?> every(long millis, Runnable task) {
    return executor.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
