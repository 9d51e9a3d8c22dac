package dev.runboard.eventlog;

import java.util.List;

/**
 * One record batch of a scalar segment as primitive columns: the fast way to read scalars
 * ({@link EventLogTail#pollScalarBatches()}), without an object per row.
 *
 * @param tags the segment's tag dictionary as of this batch; row {@code i}'s tag is {@code
 *     tags.get(tagIndices[i])}
 */
public record ScalarBatch(
    List<String> tags, int[] tagIndices, long[] steps, double[] wallTimes, double[] values) {

  public int size() {
    return steps.length;
  }

  public String tag(int row) {
    return tags.get(tagIndices[row]);
  }

  public ScalarEvent event(int row) {
    return new ScalarEvent(tag(row), steps[row], wallTimes[row], values[row]);
  }
}
