package dev.runboard.logdir;

import dev.runboard.index.IndexOptions;
import dev.runboard.index.LogdirIndex;
import java.nio.file.Path;

/**
 * An index over a logdir driven by the test, on the test's thread: {@link #refresh()} walks the
 * logdir and reads every run, as the watcher and the loader threads would, but deterministically.
 */
public final class SyncLogdir implements AutoCloseable {
  public final LogdirIndex index;
  private final LogdirWatcher watcher;

  public SyncLogdir(Path root) {
    this(IndexOptions.defaults(root));
  }

  SyncLogdir(IndexOptions options) {
    index = new LogdirIndex(options);
    watcher = new LogdirWatcher(
        index, new LogdirWatcher.Options(LogdirWatcher.Mode.POLL, java.time.Duration.ofHours(1), null));
  }

  /** Reconciles the index with the logdir and reads every run's new data. */
  public SyncLogdir refresh() {
    watcher.rescan();
    index.discoveryFinished();
    for (String run : index.runNames()) {
      index.loadNow(run);
    }
    return this;
  }

  @Override
  public void close() {
    index.close();
  }
}
