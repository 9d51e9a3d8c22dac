package dev.runboard.index;

import dev.runboard.eventlog.ReadOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How an index reads and how much it may hold.
 *
 * @param root the local logdir that {@code LogdirWatcher} and the command-line tools walk; null
 *     when the logdir is not one local directory (object storage, a {@code --logdir_spec}), whose
 *     discovery is configured on its own. The index itself never reads it: discovery hands it
 *     every file.
 * @param budgetBytes bytes of heap indexed data may hold before the least recently read series are
 *     evicted (they are read again from their files when needed)
 * @param loaderThreads threads that read log files
 * @param readOptions limits for untrusted files (largest record, stall grace)
 * @param maxProblems how many recent problems are kept for the API
 */
public record IndexOptions(
    Path root, long budgetBytes, int loaderThreads, ReadOptions readOptions, int maxProblems, Clock clock) {
  public IndexOptions {
    Objects.requireNonNull(readOptions, "readOptions");
    Objects.requireNonNull(clock, "clock");
    if (budgetBytes <= 0) {
      throw new IllegalArgumentException("the memory budget must be positive, was " + budgetBytes);
    }
    if (loaderThreads < 1) {
      throw new IllegalArgumentException("loaderThreads must be at least 1, was " + loaderThreads);
    }
  }

  /** Defaults for a logdir: 40 % of the heap, a loader thread per core (at least 2). */
  public static IndexOptions defaults(Path root) {
    return defaults().withRoot(root.toAbsolutePath().normalize());
  }

  /** Defaults without a local logdir (object storage, several logdirs). */
  public static IndexOptions defaults() {
    return new IndexOptions(
        null,
        MemoryBudget.defaultLimit(0.4),
        Math.max(2, Runtime.getRuntime().availableProcessors()),
        ReadOptions.defaults(),
        1000,
        Clock.systemUTC());
  }

  public IndexOptions withRoot(Path localLogdir) {
    return new IndexOptions(localLogdir, budgetBytes, loaderThreads, readOptions, maxProblems, clock);
  }

  public IndexOptions withBudgetBytes(long bytes) {
    return new IndexOptions(root, bytes, loaderThreads, readOptions, maxProblems, clock);
  }

  public IndexOptions withLoaderThreads(int threads) {
    return new IndexOptions(root, budgetBytes, threads, readOptions, maxProblems, clock);
  }

  public IndexOptions withMaxProblems(int problems) {
    return new IndexOptions(root, budgetBytes, loaderThreads, readOptions, problems, clock);
  }

  public IndexOptions withReadOptions(ReadOptions options) {
    return new IndexOptions(root, budgetBytes, loaderThreads, options, maxProblems, clock);
  }
}
