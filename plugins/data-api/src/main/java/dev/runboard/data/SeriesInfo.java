package dev.runboard.data;

import java.util.Objects;

/**
 * What the index knows about one series (one tag of one run) without reading its points.
 *
 * @param pluginName the plugin the tag belongs to ({@link PluginNames}, or a custom plugin's)
 * @param count points (scalars), steps (tensors) or step entries (blob sequences) indexed so far
 * @param minStep smallest step, 0 when empty
 * @param maxStep largest step, 0 when empty
 * @param lastWallTime wall time of the last entry, 0 when empty
 * @param version grows with every change of the series (see {@link DataProvider})
 */
public record SeriesInfo(
    String run,
    String tag,
    DataClass dataClass,
    String pluginName,
    long count,
    long minStep,
    long maxStep,
    double lastWallTime,
    long version) {
  public SeriesInfo {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(dataClass, "dataClass");
    Objects.requireNonNull(pluginName, "pluginName");
  }
}
