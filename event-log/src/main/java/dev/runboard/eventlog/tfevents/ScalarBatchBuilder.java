package dev.runboard.eventlog.tfevents;

import dev.runboard.eventlog.ScalarBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects scalar rows as columns, with a tag dictionary of the tags this batch uses. */
final class ScalarBatchBuilder implements ScalarFastPath.Rows {
  private final List<String> tags = new ArrayList<>();
  private final Map<String, Integer> tagIndices = new HashMap<>();
  private int[] tagColumn = new int[64];
  private long[] steps = new long[64];
  private double[] wallTimes = new double[64];
  private double[] values = new double[64];
  private int size;

  @Override
  public void add(String tag, long step, double wallTime, double value) {
    if (size == steps.length) {
      int capacity = size * 2;
      tagColumn = Arrays.copyOf(tagColumn, capacity);
      steps = Arrays.copyOf(steps, capacity);
      wallTimes = Arrays.copyOf(wallTimes, capacity);
      values = Arrays.copyOf(values, capacity);
    }
    Integer index = tagIndices.get(tag);
    if (index == null) {
      index = tags.size();
      tags.add(tag);
      tagIndices.put(tag, index);
    }
    tagColumn[size] = index;
    steps[size] = step;
    wallTimes[size] = wallTime;
    values[size] = value;
    size++;
  }

  int size() {
    return size;
  }

  /** The rows so far as a batch; the builder starts empty again. */
  ScalarBatch build() {
    ScalarBatch batch =
        new ScalarBatch(
            List.copyOf(tags),
            Arrays.copyOf(tagColumn, size),
            Arrays.copyOf(steps, size),
            Arrays.copyOf(wallTimes, size),
            Arrays.copyOf(values, size));
    tags.clear();
    tagIndices.clear();
    size = 0;
    return batch;
  }
}
