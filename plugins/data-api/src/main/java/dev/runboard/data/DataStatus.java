package dev.runboard.data;

import java.util.List;

/**
 * How far the index has got, and what went wrong.
 *
 * @param runsDiscovered runs found in the logdir
 * @param runsLoaded runs whose every file has been read at least once
 * @param bytesRead bytes of log files read so far (re-reads of evicted series included)
 * @param bytesTotal bytes of the log files currently known
 * @param firstLoadDone whether every run found at startup has been loaded once
 * @param problems the most recent problems, newest last (bounded)
 * @param problemsTotal problems found since startup, including those no longer listed
 * @param residentBytes heap bytes held by indexed data
 * @param budgetBytes the memory budget for indexed data
 */
public record DataStatus(
    int runsDiscovered,
    int runsLoaded,
    long bytesRead,
    long bytesTotal,
    boolean firstLoadDone,
    List<Problem> problems,
    long problemsTotal,
    long residentBytes,
    long budgetBytes) {
  public DataStatus {
    problems = List.copyOf(problems);
  }
}
