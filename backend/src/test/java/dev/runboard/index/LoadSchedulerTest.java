package dev.runboard.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runboard.eventlog.ReadOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoadSchedulerTest {
  private static RunIndex run(String name) {
    IndexContext context = new IndexContext(ReadOptions.defaults(), new MemoryBudget(1 << 20),
        new ProblemLog(10), new UpdateHub(), Clock.systemUTC(), new AtomicLong(), new AtomicLong(), new AtomicLong());
    return new RunIndex(name, Path.of("/logs", name), context);
  }

  @Test
  void urgentRunsGoFirstAndEachRunIsLoadedOnce() {
    List<String> order = new CopyOnWriteArrayList<>();
    try (LoadScheduler scheduler = new LoadScheduler(1, r -> order.add(r.name()))) {
      RunIndex a = run("a");
      RunIndex b = run("b");
      RunIndex c = run("c");
      scheduler.schedule(a, false);
      scheduler.schedule(b, false);
      scheduler.schedule(a, false); // already waiting: not twice
      scheduler.schedule(c, true);
      scheduler.start();
      await().atMost(Duration.ofSeconds(5)).until(() -> order.size() == 3);
      assertThat(order).containsExactly("c", "a", "b");
      assertThat(scheduler.healthy()).isTrue();
    }
  }

  @Test
  void aBrokenRunDoesNotStopLoadingButADeadLoaderMakesItUnhealthy() {
    List<String> loaded = new CopyOnWriteArrayList<>();
    try (LoadScheduler scheduler = new LoadScheduler(2, r -> {
      if (r.name().equals("bug")) {
        throw new IllegalStateException("a bug in one run");
      }
      if (r.name().equals("fatal")) {
        throw new AssertionError("an error nobody catches");
      }
      loaded.add(r.name());
    })) {
      scheduler.start();
      scheduler.schedule(run("bug"), false);
      scheduler.schedule(run("ok"), false);
      await().atMost(Duration.ofSeconds(5)).until(() -> loaded.contains("ok"));
      assertThat(scheduler.healthy()).isTrue();
      scheduler.schedule(run("fatal"), false);
      await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(5)).until(() -> !scheduler.healthy());
      assertThat(scheduler.failure()).isInstanceOf(AssertionError.class);
    }
  }
}
