package dev.runboard.logdir;

import dev.runboard.plugin.RunDataListener;
import dev.runboard.plugin.RunDataSource;
import dev.runboard.plugin.RunInfo;
import dev.runboard.plugin.ScalarSeries;
import dev.runboard.plugin.Subscription;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexed content of a logdir as the rest of the service sees it, and the point where new data
 * is announced to listeners (SSE clients, open dashboards).
 */
public final class LogdirIndex implements RunDataSource, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LogdirIndex.class);

  private final Logdir logdir;
  private final List<RunDataListener> listeners = new CopyOnWriteArrayList<>();

  public LogdirIndex(Logdir logdir) {
    this.logdir = logdir;
  }

  public Logdir logdir() {
    return logdir;
  }

  /**
   * One indexing step: optionally looks for new runs and files, then reads new data, then tells
   * the listeners. Must be called from a single thread.
   */
  public void refresh(boolean rescan) {
    List<RunInfo> newRuns = rescan ? logdir.scan() : List.of();
    List<ScalarSeries> appended = logdir.read();
    for (RunInfo run : newRuns) {
      listeners.forEach(l -> notify(l, () -> l.runAdded(run)));
    }
    for (ScalarSeries series : appended) {
      listeners.forEach(l -> notify(l, () -> l.scalarsAppended(series)));
    }
  }

  private static void notify(RunDataListener listener, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      // One broken listener must not stop indexing or starve the others.
      log.warn("Listener {} failed", listener, e);
    }
  }

  @Override
  public List<RunInfo> runs() {
    return logdir.runs();
  }

  public boolean hasRun(String run) {
    return logdir.hasRun(run);
  }

  @Override
  public List<String> scalarTags(String run) {
    return logdir.scalarTags(run);
  }

  @Override
  public Optional<ScalarSeries> scalars(String run, String tag) {
    return logdir.scalars(run, tag);
  }

  @Override
  public Subscription subscribe(RunDataListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public void close() {
    logdir.close();
  }
}
