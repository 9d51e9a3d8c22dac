package dev.runboard.eventlog;

import java.util.List;

/**
 * Scalar rows as primitive columns: the fast way to read scalars, without an object per row. An
 * Arrow log gives one per record batch ({@link EventLogTail#pollScalarBatches()}, {@link
 * EventFileTail#poll(EventSink)}); a tfevents file one per poll.
 *
 * @param tags row {@code i}'s tag is {@code tags.get(tagIndices[i])}: for an Arrow log the
 *     segment's tag dictionary as of this batch, for a tfevents file the tags this batch uses
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
