package dev.runboard.index;

import java.util.Arrays;

/**
 * The open chunk of a scalar series, up to {@link #CAPACITY} points, taking appends: it keeps the
 * most compact encoding that holds its points exactly (see {@link ScalarPoints}) and widens it
 * when a point needs it. Arrays grow by doubling and are trimmed by {@link #trim()} when the
 * series idles; a full chunk becomes a {@link SealedChunk}, which takes its arrays ({@link
 * #seal()}). Not thread-safe: {@link ScalarColumn} guards it.
 */
final class ScalarChunk extends ScalarPoints {
  static final int CAPACITY = 4096;
  /** What {@link #wallOffset} answers for a wall time that is kept as a double. */
  static final long NOT_AN_OFFSET = Long.MIN_VALUE;
  private static final int FIRST_CAPACITY = 16;

  private int capacity;
  private double wallsPerUnit; // 1 / wallUnit
  private double lastWall;
  private boolean stepsSorted = true; // each point's step at least the one before it in this chunk
  private boolean wallsSorted = true; // the same for wall times, NaN counting as out of order

  ScalarChunk() {
    this(FIRST_CAPACITY);
  }

  /** A chunk with room for {@code initialCapacity} points before it grows. */
  ScalarChunk(int initialCapacity) {
    capacity = Math.max(1, Math.min(CAPACITY, initialCapacity));
    floats = new float[capacity];
    wallOffsets = new int[capacity];
  }

  boolean isFull() {
    return count == CAPACITY;
  }

  /** Whether each step is at least the one before it, within this chunk. */
  boolean stepsSorted() {
    return stepsSorted;
  }

  /** Whether each wall time is at least the one before it, within this chunk (NaN is not). */
  boolean wallsSorted() {
    return wallsSorted;
  }

  /**
   * Appends {@code n} rows of the columns, as many as fit, and returns how many did: row {@code k}
   * is {@code rows[from + k]}, or {@code from + k * stride} when {@code rows} is null (see {@link
   * TagPartition}). Grows the arrays once for the whole block: a long series appends in bulk,
   * without a copy per doubling.
   */
  int append(long[] steps, double[] wallTimes, double[] values, int[] rows, int from, int stride, int n) {
    int take = Math.min(n, CAPACITY - count);
    if (count + take > capacity) {
      resize(Math.min(CAPACITY, Math.max(count + take, capacity * 2)));
    }
    // The tight loop takes what it can; a point it cannot (the chunk's first two, a widening one)
    // goes through appendOne, and the tight loop resumes after it.
    int k = 0;
    while (k < take) {
      k += appendArithmeticFloats(steps, wallTimes, values, rows, from, stride, k, take);
      if (k < take) {
        int i = rows == null ? from + k * stride : rows[from + k];
        appendOne(steps[i], wallTimes[i], values[i]);
        k++;
      }
    }
    return take;
  }

  /**
   * The common case in one tight loop, rows {@code [k, take)}: steps continue the arithmetic
   * progression and values are floats. Stops at the first point that is not, or whose wall time
   * is the first not to fit an offset (the caller appends it alone, widening as needed); returns
   * how many it appended.
   *
   * <p>Every point ingested passes here, so the loop does only what that point needs: the steps'
   * extremes follow from the progression's ends, and the wall times' from their ends too while
   * they stay in order (a second pass finds them when they do not).
   */
  private int appendArithmeticFloats(
      long[] steps, double[] wallTimes, double[] values, int[] rows, int from, int stride, int k, int take) {
    if (floats == null || stepOffsets != null || stepsLong != null || count < 2) {
      return 0;
    }
    float[] fl = floats;
    int[] wo = wallOffsets;
    double[] wl = walls;
    double base = wallBase;
    double unit = wallUnit;
    double perUnit = wallsPerUnit;
    int first = count;
    int c = first;
    long next = stepBase + c * stepStride;
    long stepStrideLocal = stepStride;
    double previousWall = lastWall;
    boolean inOrder = true;
    int start = k;
    for (; k < take; k++) {
      int i = rows == null ? from + k * stride : rows[from + k];
      long step = steps[i];
      double value = values[i];
      float f = (float) value;
      if (step != next || (f != value && value == value)) {
        break;
      }
      double wall = wallTimes[i];
      if (wo != null) {
        long offset = wallOffset(wall, base, unit, perUnit);
        if (offset == NOT_AN_OFFSET) {
          break; // appendOne widens the wall times
        }
        wo[c] = (int) offset;
      } else {
        wl[c] = wall;
      }
      if (!(wall >= previousWall)) {
        inOrder = false;
      }
      previousWall = wall;
      fl[c] = f;
      next += stepStrideLocal;
      c++;
    }
    if (c > first) {
      count = c;
      lastWall = previousWall;
      noteSteps(stepBase + first * stepStride, stepBase + (c - 1) * stepStride);
      if (inOrder) {
        noteWalls(wall(first), previousWall);
      } else {
        wallsSorted = false;
        for (int j = first; j < c; j++) {
          noteWalls(wall(j), wall(j));
        }
      }
    }
    return k - start;
  }

  /** Takes in steps {@code low..high} (in either order) for the chunk's extremes. */
  private void noteSteps(long low, long high) {
    minStep = Math.min(minStep, Math.min(low, high));
    maxStep = Math.max(maxStep, Math.max(low, high));
  }

  /** Takes in wall times {@code low <= high} for the chunk's extremes; NaN leaves them. */
  private void noteWalls(double low, double high) {
    if (low < minWall) {
      minWall = low;
    }
    if (high > maxWall) {
      maxWall = high;
    }
  }

  private void appendOne(long step, double wall, double value) {
    if (count > 0) {
      if (step < step(count - 1)) {
        stepsSorted = false;
      }
      if (!(wall >= lastWall)) { // a NaN wall time leaves them unsorted too
        wallsSorted = false;
      }
    }
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
    appendWall(wall);
    noteSteps(step, step);
    noteWalls(wall, wall);
    lastWall = wall;
    count++;
  }

  private void appendWall(double wall) {
    if (walls != null) {
      walls[count] = wall;
      return;
    }
    if (count == 0) {
      wallBase = wall;
      wallUnit = Math.ulp(wall);
      wallsPerUnit = 1 / wallUnit;
    }
    long offset = wallOffset(wall, wallBase, wallUnit, wallsPerUnit);
    if (offset != NOT_AN_OFFSET) {
      wallOffsets[count] = (int) offset;
    } else {
      widenWalls();
      walls[count] = wall;
    }
  }

  /**
   * A wall time as an int offset from {@code base} in {@code unit}s ({@code perUnit} is {@code 1 /
   * unit}: a product costs a fraction of a quotient), or {@link #NOT_AN_OFFSET} when it does not
   * fit an int or would not read back bit for bit through {@link #wallAt}. The read-back check
   * makes any rounding of the product harmless: an offset is kept only when it is exact.
   */
  static long wallOffset(double wall, double base, double unit, double perUnit) {
    long offset = (long) ((wall - base) * perUnit);
    boolean exact = offset == (int) offset
        && Double.doubleToRawLongBits(wallAt(base, (int) offset, unit)) == Double.doubleToRawLongBits(wall);
    return exact ? offset : NOT_AN_OFFSET;
  }

  private void widenWalls() {
    walls = new double[capacity];
    for (int i = 0; i < count; i++) {
      walls[i] = wallAt(wallBase, wallOffsets[i], wallUnit);
    }
    wallOffsets = null;
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
    if (wallOffsets != null) {
      wallOffsets = Arrays.copyOf(wallOffsets, newCapacity);
    } else {
      walls = Arrays.copyOf(walls, newCapacity);
    }
  }

  /**
   * This chunk's points as a {@link SealedChunk}, which takes over its arrays (trimmed to the
   * points first, when they have room to spare): the chunk must not be used afterwards.
   */
  SealedChunk seal() {
    trim();
    return new SealedChunk(this);
  }

  @Override
  long residentBytes() {
    return 112 + arraysBytes();
  }
}
