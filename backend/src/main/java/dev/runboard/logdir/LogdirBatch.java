package dev.runboard.logdir;

import dev.runboard.data.RunInfo;
import dev.runboard.eventlog.LogFileSource;
import dev.runboard.index.IndexOptions;
import dev.runboard.index.LogdirIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

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

  /** One event file of a run, and its size when it was listed. */
  public record FoundFile(LogFileSource source, long size) {}

  /** What a logdir holds, listed once: every run by name (sorted), with its files. */
  public record Runs(SortedMap<String, List<FoundFile>> byName) {}

  private LogdirBatch() {}

  /** Visits every run of the options' local logdir in name order; returns the problem count. */
  public static long forEachRun(IndexOptions options, RunVisitor visitor) throws IOException {
    return forEachRun(listLocal(options.root()), options, visitor);
  }

  /** Visits every listed run in name order; returns the index's problem count over all runs. */
  public static long forEachRun(Runs runs, IndexOptions options, RunVisitor visitor) throws IOException {
    try (LogdirIndex index = new LogdirIndex(options)) {
      for (Map.Entry<String, List<FoundFile>> run : runs.byName().entrySet()) {
        for (FoundFile file : run.getValue()) {
          index.fileFound(run.getKey(), Path.of(run.getKey()), file.source(), file.size());
        }
        index.loadNow(run.getKey());
        RunInfo info = index.run(run.getKey()).orElseThrow();
        visitor.visit(info, index);
        index.runRemoved(run.getKey());
      }
      return index.status().problemsTotal();
    }
  }

  /** The runs of a local logdir, as one walk finds them. */
  public static Runs listLocal(Path root) {
    SortedMap<String, List<FoundFile>> runs = new TreeMap<>();
    LogdirScan.walk(root, d -> {}).forEach((name, files) -> runs.put(name,
        files.sizes().entrySet().stream()
            .map(f -> new FoundFile(LogFileSource.local(files.directory().resolve(f.getKey())), f.getValue()))
            .toList()));
    return new Runs(runs);
  }
}
