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
 * @param second the query's {@link ScalarQuery#transform() transform} of each returned point's
 *     value, or null without one
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
    double[] values,
    double[] second) {
  public ScalarSeries {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(tag, "tag");
    if (steps.length != wallTimes.length || steps.length != values.length) {
      throw new IllegalArgumentException(
          "columns differ in length: steps=" + steps.length + " wallTimes=" + wallTimes.length
              + " values=" + values.length);
    }
    if (second != null && second.length != values.length) {
      throw new IllegalArgumentException("second=" + second.length + " differs from values=" + values.length);
    }
  }

  /** Points without a second column. */
  public ScalarSeries(
      String run, String tag, long version, long total, boolean downsampled, boolean delta, long[] steps,
      double[] wallTimes, double[] values) {
    this(run, tag, version, total, downsampled, delta, steps, wallTimes, values, null);
  }

  public int size() {
    return steps.length;
  }
}
