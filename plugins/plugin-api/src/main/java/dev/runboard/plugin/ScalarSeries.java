package dev.runboard.plugin;

import java.util.Objects;

/**
 * Points of one scalar tag of one run, column by column, in the order they were indexed. Used both
 * for a full-resolution snapshot ({@code offset} 0) and for the points appended since the last
 * update ({@code offset} = how many points the series held before them), so that a consumer can
 * tell an update it already has from one it missed. The arrays are owned by the series: callers
 * must not modify them.
 */
public record ScalarSeries(
    String run, String tag, int offset, long[] steps, double[] wallTimes, double[] values) {
  public ScalarSeries {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(tag, "tag");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    if (steps.length != wallTimes.length || steps.length != values.length) {
      throw new IllegalArgumentException(
          "columns differ in length: steps="
              + steps.length
              + " wallTimes="
              + wallTimes.length
              + " values="
              + values.length);
    }
  }

  public int size() {
    return steps.length;
  }

  /** Index just past the last point, within the full series. */
  public int end() {
    return offset + steps.length;
  }
}
