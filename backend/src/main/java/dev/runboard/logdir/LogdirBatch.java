package dev.runboard.logdir;

import dev.runboard.data.RunInfo;
import dev.runboard.eventlog.LogFileSource;
import dev.runboard.index.IndexOptions;
import dev.runboard.index.LogdirIndex;
import java.io.IOException;
import java.util.Map;

/**
 * Reads a logdir once, run by run, for the command-line tools (export, inspect): each run is
 * loaded, handed over, then dropped, so memory stays that of the largest run (and within the
 * index's budget even then), however big the logdir.
 */
public final class LogdirBatch {
  /** Receives each run, loaded, with the index to read it from. */
  public interface RunVisitor {
    void visit(RunInfo run, LogdirIndex index) throws IOException;
  }

  private LogdirBatch() {}

  /** Visits every run in name order; returns the index's problem count over all runs. */
  public static long forEachRun(IndexOptions options, RunVisitor visitor) throws IOException {
    Map<String, LogdirScan.RunFiles> runs = LogdirScan.walk(options.root(), d -> {});
    try (LogdirIndex index = new LogdirIndex(options)) {
      for (Map.Entry<String, LogdirScan.RunFiles> run : runs.entrySet()) {
        LogdirScan.RunFiles files = run.getValue();
        files.sizes().forEach((file, size) ->
            index.fileFound(run.getKey(), files.directory(), LogFileSource.local(files.directory().resolve(file)), size));
        index.loadNow(run.getKey());
        RunInfo info = index.run(run.getKey()).orElseThrow();
        visitor.visit(info, index);
        index.runRemoved(run.getKey());
      }
      return index.status().problemsTotal();
    }
  }
}
