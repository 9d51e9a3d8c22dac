package dev.runboard.index;

import java.util.Arrays;

/**
 * Up to {@link #CAPACITY} points of a scalar series in the most compact encoding that holds them
 * exactly, chosen while appending and widened when a point needs it:
 *
 * <ul>
 *   <li>steps: arithmetic (base and stride only: the usual {@code 0, 1, 2, ...} or every N-th
 *       step costs nothing per point), else int offsets from the base, else longs;
 *   <li>values: floats when every value converts to float and back unchanged (every tfevents value,
 *       most training metrics), else doubles;
 *   <li>wall times: doubles.
 * </ul>
 *
 * <p>So a typical point costs 12 bytes and the worst 24. Arrays grow by doubling and are trimmed
 * by {@link #trim()} once a chunk is full or the series idles. Not thread-safe: {@link
 * ScalarColumn} guards it.
 */
final class ScalarChunk {
  static final int CAPACITY = 4096;
  private static final int FIRST_CAPACITY = 16;

  private int count;
  private int capacity;
  private long stepBase;
  private long stepStride;
  private int[] stepOffsets; // non-null once steps are not arithmetic but fit int offsets
  private long[] stepsLong; // non-null once steps need longs
  private float[] floats; // values while all are floats
  private double[] doubles; // values once one is not
  private double[] walls;
  private long minStep = Long.MAX_VALUE;
  private long maxStep = Long.MIN_VALUE;
  private double minWall = Double.POSITIVE_INFINITY;
  private double maxWall = Double.NEGATIVE_INFINITY;
  private boolean stepsSorted = true;
  private boolean wallsSorted = true;

  ScalarChunk() {
    this(FIRST_CAPACITY);
  }

  /** A chunk with room for {@code initialCapacity} points before it grows. */
  ScalarChunk(int initialCapacity) {
    capacity = Math.max(1, Math.min(CAPACITY, initialCapacity));
    floats = new float[capacity];
    walls = new double[capacity];
  }

  int size() {
    return count;
  }

  boolean isFull() {
    return count == CAPACITY;
  }

  long minStep() {
    return minStep;
  }

  long maxStep() {
    return maxStep;
  }

  double minWall() {
    return minWall;
  }

  double maxWall() {
    return maxWall;
  }

  /** Steps never decrease within the chunk. */
  boolean stepsSorted() {
    return stepsSorted;
  }

  boolean wallsSorted() {
    return wallsSorted;
  }

  /**
   * Appends rows {@code rows[from..from+n)} of the columns (rows {@code from..from+n} themselves
   * when {@code rows} is null), as many as fit; returns how many did. Grows the arrays once for
   * the whole block: a long series appends in bulk, without a copy per doubling.
   */
  int append(long[] steps, double[] wallTimes, double[] values, int[] rows, int from, int n) {
    int take = Math.min(n, CAPACITY - count);
    if (count + take > capacity) {
      resize(Math.min(CAPACITY, Math.max(count + take, capacity * 2)));
    }
    int k = appendArithmeticFloats(steps, wallTimes, values, rows, from, take);
    for (; k < take; k++) {
      int i = rows == null ? from + k : rows[from + k];
      appendOne(steps[i], wallTimes[i], values[i]);
    }
    return take;
  }

  /**
   * The common case in one tight loop: steps continue the arithmetic progression and values are
   * floats. Stops at the first point that does not (the caller appends it and the rest one by
   * one, widening as needed); returns how many it appended.
   */
  private int appendArithmeticFloats(
      long[] steps, double[] wallTimes, double[] values, int[] rows, int from, int take) {
    if (floats == null || stepOffsets != null || stepsLong != null || count < 2) {
      return 0;
    }
    float[] fl = floats;
    double[] wl = walls;
    int c = count;
    long stride = stepStride;
    long next = stepBase + c * stride;
    double lastWall = wl[c - 1];
    long lo = minStep;
    long hi = maxStep;
    double loWall = minWall;
    double hiWall = maxWall;
    boolean sorted = stepsSorted;
    boolean wallSorted = wallsSorted;
    int k = 0;
    for (; k < take; k++) {
      int i = rows == null ? from + k : rows[from + k];
      long step = steps[i];
      double value = values[i];
      float f = (float) value;
      if (step != next || (f != value && value == value)) {
        break;
      }
      double wall = wallTimes[i];
      fl[c] = f;
      wl[c] = wall;
      if (step < hi) {
        sorted = false;
      }
      if (wall < lastWall) {
        wallSorted = false;
      }
      if (step < lo) {
        lo = step;
      }
      if (step > hi) {
        hi = step;
      }
      if (wall < loWall) {
        loWall = wall;
      }
      if (wall > hiWall) {
        hiWall = wall;
      }
      lastWall = wall;
      next += stride;
      c++;
    }
    count = c;
    minStep = lo;
    maxStep = hi;
    minWall = loWall;
    maxWall = hiWall;
    stepsSorted = sorted;
    wallsSorted = wallSorted;
    return k;
  }

  /** Appends a point; the chunk must not be full. */
  void append(long step, double wall, double value) {
    if (count == capacity) {
      grow();
    }
    appendOne(step, wall, value);
  }

  private void appendOne(long step, double wall, double value) {
    appendStep(step);
    float f = (float) value;
    if (floats != null && (f == value || value != value)) {
      floats[count] = f;
    } else {
      if (floats != null) {
        widenValues();
      }
      doubles[count] = value;
    }
    walls[count] = wall;
    if (count > 0) {
      if (step < maxStep) {
        stepsSorted = false;
      }
      if (wall < walls[count - 1]) {
        wallsSorted = false;
      }
    }
    if (step < minStep) {
      minStep = step;
    }
    if (step > maxStep) {
      maxStep = step;
    }
    if (wall < minWall) {
      minWall = wall;
    }
    if (wall > maxWall) {
      maxWall = wall;
    }
    count++;
  }

  private void appendStep(long step) {
    if (stepsLong != null) {
      stepsLong[count] = step;
    } else if (stepOffsets != null) {
      long offset = step - stepBase;
      if (offset == (int) offset && !subtractionOverflowed(step, stepBase, offset)) {
        stepOffsets[count] = (int) offset;
      } else {
        widenStepsToLong();
        stepsLong[count] = step;
      }
    } else if (count == 0) {
      stepBase = step;
    } else if (count == 1 && !subtractionOverflowed(step, stepBase, step - stepBase)) {
      stepStride = step - stepBase;
    } else if (count == 1 || step != stepBase + count * stepStride) {
      widenStepsToOffsets(count);
      appendStep(step);
    }
  }

  private static boolean subtractionOverflowed(long a, long b, long difference) {
    return ((a ^ b) & (a ^ difference)) < 0;
  }

  /** Leaves the arithmetic encoding: materialises the first {@code n} steps as offsets or longs. */
  private void widenStepsToOffsets(int n) {
    long last = stepBase + (n - 1) * stepStride;
    long span = last - stepBase;
    if (n <= 1 || (span == (int) span && Math.abs(stepStride) <= Integer.MAX_VALUE)) {
      stepOffsets = new int[capacity];
      for (int i = 0; i < n; i++) {
        stepOffsets[i] = (int) (i * stepStride);
      }
    } else {
      stepsLong = new long[capacity];
      for (int i = 0; i < n; i++) {
        stepsLong[i] = stepBase + i * stepStride;
      }
    }
  }

  private void widenStepsToLong() {
    stepsLong = new long[capacity];
    for (int i = 0; i < count; i++) {
      stepsLong[i] = stepBase + stepOffsets[i];
    }
    stepOffsets = null;
  }

  private void widenValues() {
    doubles = new double[capacity];
    for (int i = 0; i < count; i++) {
      doubles[i] = floats[i];
    }
    floats = null;
  }

  private void grow() {
    resize(Math.min(CAPACITY, capacity * 2));
  }

  /** Drops unused capacity; the chunk stays appendable. */
  void trim() {
    if (capacity > count && count > 0) {
      resize(count);
    }
  }

  private void resize(int newCapacity) {
    capacity = newCapacity;
    if (stepOffsets != null) {
      stepOffsets = Arrays.copyOf(stepOffsets, newCapacity);
    }
    if (stepsLong != null) {
      stepsLong = Arrays.copyOf(stepsLong, newCapacity);
    }
    if (floats != null) {
      floats = Arrays.copyOf(floats, newCapacity);
    } else {
      doubles = Arrays.copyOf(doubles, newCapacity);
    }
    walls = Arrays.copyOf(walls, newCapacity);
  }

  long step(int i) {
    if (stepsLong != null) {
      return stepsLong[i];
    }
    if (stepOffsets != null) {
      return stepBase + stepOffsets[i];
    }
    return stepBase + i * stepStride;
  }

  double wall(int i) {
    return walls[i];
  }

  double value(int i) {
    return floats != null ? floats[i] : doubles[i];
  }

  /** Copies points {@code [from, to)} into the arrays at {@code at}. */
  void copyTo(int from, int to, long[] steps, double[] wallTimes, double[] values, int at) {
    int n = to - from;
    if (stepsLong != null) {
      System.arraycopy(stepsLong, from, steps, at, n);
    } else if (stepOffsets != null) {
      for (int i = 0; i < n; i++) {
        steps[at + i] = stepBase + stepOffsets[from + i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        steps[at + i] = stepBase + (from + i) * stepStride;
      }
    }
    System.arraycopy(walls, from, wallTimes, at, n);
    if (floats != null) {
      for (int i = 0; i < n; i++) {
        values[at + i] = floats[from + i];
      }
    } else {
      System.arraycopy(doubles, from, values, at, n);
    }
  }

  /** Heap bytes of this chunk: object and array headers included. */
  long residentBytes() {
    long bytes = 96 + arrayBytes(walls.length, 8);
    if (stepOffsets != null) {
      bytes += arrayBytes(stepOffsets.length, 4);
    }
    if (stepsLong != null) {
      bytes += arrayBytes(stepsLong.length, 8);
    }
    bytes += floats != null ? arrayBytes(floats.length, 4) : arrayBytes(doubles.length, 8);
    return bytes;
  }

  private static long arrayBytes(int length, int elementBytes) {
    return 16 + ((long) length * elementBytes + 7) / 8 * 8;
  }
}
