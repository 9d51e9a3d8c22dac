package dev.runboard.logdir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runboard.data.RunInfo;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.ScalarQuery;
import dev.runboard.data.ScalarSeries;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.index.IndexOptions;
import dev.runboard.index.LogdirIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher keeps the index live: new runs, new points and deletions are noticed through
 * file-system notifications (the full walk is set to an hour, so it cannot be what finds them),
 * and through polling where notifications are switched off.
 */
class LogdirWatcherTest {
  @TempDir Path root;

  private static List<String> runs(LogdirIndex index) {
    return index.listRuns().stream().map(RunInfo::name).toList();
  }

  private static long[] steps(LogdirIndex index, String run) {
    List<ScalarSeries> s = index.readScalars(RunTagFilter.one(run, "loss"), ScalarQuery.full());
    return s.isEmpty() ? new long[0] : s.get(0).steps();
  }

  private void followsTheLogdir(LogdirWatcher.Options options) throws IOException {
    LogdirTest.write(root.resolve("old"), "loss", 0, 1.0);
    try (LogdirIndex index = new LogdirIndex(IndexOptions.defaults(root));
        LogdirWatcher watcher = new LogdirWatcher(index, options)) {
      index.start();
      watcher.start();
      await().atMost(Duration.ofSeconds(10)).until(index::firstLoadDone);
      assertThat(runs(index)).containsExactly("old");

      try (EventLogWriter writer = EventLogWriter.open(root.resolve("deep/new run"))) {
        writer.scalar("loss", 1, 1.0, 0.5);
        writer.flush();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(
            () -> assertThat(steps(index, "deep/new run")).containsExactly(1));
        writer.scalar("loss", 2, 2.0, 0.25);
        writer.flush();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(
            () -> assertThat(steps(index, "deep/new run")).containsExactly(1, 2));
      }
      LogdirTest.deleteTree(root.resolve("old"));
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(runs(index)).containsExactly("deep/new run"));
      LogdirTest.deleteTree(root.resolve("deep"));
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(runs(index)).isEmpty());
      assertThat(watcher.healthy()).isTrue();
    }
  }

  @Test
  void notificationsFindNewRunsPointsAndDeletions() throws IOException {
    followsTheLogdir(new LogdirWatcher.Options(LogdirWatcher.Mode.AUTO, Duration.ofHours(1), Duration.ofHours(1)));
  }

  @Test
  void pollingFindsThemWithoutNotifications() throws IOException {
    followsTheLogdir(new LogdirWatcher.Options(LogdirWatcher.Mode.POLL, Duration.ofMillis(100), Duration.ofMillis(300)));
  }
}
