package dev.runboard.data;

import java.util.Objects;

/**
 * What changed in the index. Updates say what advanced, not what the data is: a listener reads
 * what it needs, and one that fell behind simply reads again. Nothing depends on a listener
 * seeing every update.
 */
public sealed interface DataUpdate {
  String run();

  /** A run appeared in the logdir. */
  record RunAdded(String run) implements DataUpdate {}

  /** A run disappeared from the logdir (its directory or last log file was deleted). */
  record RunRemoved(String run) implements DataUpdate {}

  /**
   * Something about the run other than a series' points changed: its sessions, hyperparameters,
   * loading state, or the run was rebuilt from scratch (a file shrank), after which every series
   * must be read again.
   */
  record RunChanged(String run) implements DataUpdate {}

  /**
   * A series advanced to {@code version}.
   *
   * @param previousVersion the version before this change (-1 for a new series); a listener that
   *     holds the series at this version can apply {@code appended}
   * @param appended for scalar series, the points appended in this change when the index had them
   *     at hand (null otherwise): saves a read for live followers
   */
  record SeriesAdvanced(
      String run,
      String tag,
      DataClass dataClass,
      String pluginName,
      long previousVersion,
      long version,
      ScalarSeries appended)
      implements DataUpdate {
    public SeriesAdvanced {
      Objects.requireNonNull(run, "run");
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(dataClass, "dataClass");
      Objects.requireNonNull(pluginName, "pluginName");
    }
  }
}
