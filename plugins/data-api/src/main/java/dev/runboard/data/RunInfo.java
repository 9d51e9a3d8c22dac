package dev.runboard.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run: one directory of the logdir holding log files, named by its path relative to the logdir
 * with '/' separators ("." for the logdir itself), as TensorBoard names runs.
 *
 * @param firstWallTime wall time of the earliest event indexed, NaN before any
 * @param lastWallTime wall time of the latest event indexed, NaN before any
 * @param lastStep the largest step of any series, 0 before any
 * @param sessions the writer sessions, in start order
 * @param series every series of the run, sorted by data class, then tag
 * @param hparams hyperparameters the run logged (values are String, Double or Boolean)
 * @param attributes what else the run says about itself (host, command line, framework, ...)
 * @param loaded whether every file of the run has been read once
 */
public record RunInfo(
    String name,
    double firstWallTime,
    double lastWallTime,
    long lastStep,
    List<SessionInfo> sessions,
    List<SeriesInfo> series,
    Map<String, Object> hparams,
    Map<String, String> attributes,
    boolean loaded) {
  public RunInfo {
    Objects.requireNonNull(name, "name");
    sessions = List.copyOf(sessions);
    series = List.copyOf(series);
    hparams = Map.copyOf(hparams);
    attributes = Map.copyOf(attributes);
  }

  /** The tags of one data class (and plugin, unless null), in tag order. */
  public List<String> tags(DataClass dataClass, String pluginName) {
    return series.stream()
        .filter(s -> s.dataClass() == dataClass)
        .filter(s -> pluginName == null || s.pluginName().equals(pluginName))
        .map(SeriesInfo::tag)
        .toList();
  }
}
