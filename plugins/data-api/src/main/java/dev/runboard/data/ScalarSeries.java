package dev.runboard.data;

import java.util.Objects;

/**
 * Points of one scalar series, column by column, in the order they were logged (for a
 * downsampled read: in x order). The arrays belong to the series: do not modify them.
 *
 * @param version the series' version the points were read at
 * @param total points of the series within the requested range (all of them, for a full read)
 * @param downsampled true when fewer points than {@code total} are returned
 * @param delta true when these are only the points appended after the query's {@code
 *     sinceVersion}; false when they are the whole series (or range)
 */
public record ScalarSeries(
    String run,
    String tag,
    long version,
    long total,
    boolean downsampled,
    boolean delta,
    long[] steps,
    double[] wallTimes,
    double[] values) {
  public ScalarSeries {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(tag, "tag");
    if (steps.length != wallTimes.length || steps.length != values.length) {
      throw new IllegalArgumentException(
          "columns differ in length: steps=" + steps.length + " wallTimes=" + wallTimes.length
              + " values=" + values.length);
    }
  }

  public int size() {
    return steps.length;
  }
}
