package dev.runboard.data;

import java.util.List;
import java.util.Objects;

/**
 * Steps of one tensor series, in the order they were logged.
 *
 * @param total entries within the requested step range
 * @param downsampled true when fewer than {@code total} are returned
 */
public record TensorSeries(
    String run, String tag, String pluginName, long version, long total, boolean downsampled,
    List<TensorDatum> data) {
  public TensorSeries {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(tag, "tag");
    data = List.copyOf(data);
  }
}
