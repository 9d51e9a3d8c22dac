package dev.runboard.eventlog;

/**
 * Scalar rows as primitive columns: what the logging thread fills without allocating, and what
 * becomes one record batch. Not thread-safe: its owner guards it.
 */
final class ScalarBuffer {
  private final int[] tagIds;
  private final long[] steps;
  private final double[] wallTimes;
  private final double[] values;
  private int size;

  ScalarBuffer(int capacity) {
    tagIds = new int[capacity];
    steps = new long[capacity];
    wallTimes = new double[capacity];
    values = new double[capacity];
  }

  boolean isFull() {
    return size == tagIds.length;
  }

  void add(int tagId, long step, double wallTime, double value) {
    tagIds[size] = tagId;
    steps[size] = step;
    wallTimes[size] = wallTime;
    values[size] = value;
    size++;
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  int[] tagIds() {
    return tagIds;
  }

  long[] steps() {
    return steps;
  }

  double[] wallTimes() {
    return wallTimes;
  }

  double[] values() {
    return values;
  }

  /** Largest step in the buffer, or {@code fallback} when it is empty. */
  long maxStep(long fallback) {
    long max = fallback;
    for (int i = 0; i < size; i++) {
      max = Math.max(max, steps[i]);
    }
    return max;
  }
}
