package dev.runboard.inspect;

import dev.runboard.data.Problem;
import dev.runboard.index.IndexOptions;
import dev.runboard.logdir.LogdirBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every event file under a logdir once, through the same index the server uses, and sums
 * up each run: the role of {@code tensorboard --inspect}. Damage is reported with file and byte
 * offset; the other files and runs are read all the same.
 */
public final class LogdirInspector {
  /** Keep every problem: inspect shows them all, not the server's recent few. */
  private static final int MAX_PROBLEMS = 1_000_000;

  private LogdirInspector() {}

  public static List<RunSummary> inspect(Path logdir) throws IOException {
    return inspect(LogdirBatch.listLocal(logdir.toAbsolutePath().normalize()));
  }

  /** Summarises the listed runs (of any logdir). */
  public static List<RunSummary> inspect(LogdirBatch.Runs listed) throws IOException {
    IndexOptions options = IndexOptions.defaults().withLoaderThreads(1).withMaxProblems(MAX_PROBLEMS);
    List<RunSummary> runs = new ArrayList<>();
    LogdirBatch.forEachRun(listed, options, (run, index) -> {
      List<Problem> problems = index.status().problems().stream()
          .filter(p -> p.run().equals(run.name()))
          .toList();
      runs.add(new RunSummary(
          index.fileNames(run.name()).size(), run, index.tornTails(run.name()), problems));
    });
    return runs;
  }
}
