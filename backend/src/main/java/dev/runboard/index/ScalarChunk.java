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
 *   <li>wall times: int offsets from the chunk's first, in units of that time's last binary digit
 *       (2^-22 s for today's times), while they read back exactly and span under 2^31 units (512
 *       s today: a tag logged at least 8 times a second), else doubles.
 * </ul>
 *
 * <p>So a densely logged point costs 8 bytes, a typical one 12 and the worst 24. Arrays grow by doubling and are trimmed
 * by {@link #trim()} when the series idles; a full chunk is copied off the heap ({@link #seal()})
 * and this one reused. Not thread-safe: {@link ScalarColumn} guards it.
 */
final class ScalarChunk implements ScalarPoints {
  static final int CAPACITY = 4096;
  /** What {@link #wallOffset} answers for a wall time that is kept as a double. */
  static final long NOT_AN_OFFSET = Long.MIN_VALUE;
  private static final int FIRST_CAPACITY = 16;

  private int count;
  private int capacity;
  private long stepBase;
  private long stepStride;
  private int[] stepOffsets; // non-null once steps are not arithmetic but fit int offsets
  private long[] stepsLong; // non-null once steps need longs
  private float[] floats; // values while all are floats
  private double[] doubles; // values once one is not
  private int[] wallOffsets; // wall times while they fit offsets from wallBase in wallUnits
  private double wallBase;
  private double wallUnit;
  private double[] walls; // non-null once a wall time does not fit
  private long minStep = Long.MAX_VALUE;
  private long maxStep = Long.MIN_VALUE;
  private double minWall = Double.POSITIVE_INFINITY;
  private double maxWall = Double.NEGATIVE_INFINITY;

  ScalarChunk() {
    this(FIRST_CAPACITY);
  }

  /** A chunk with room for {@code initialCapacity} points before it grows. */
  ScalarChunk(int initialCapacity) {
    capacity = Math.max(1, Math.min(CAPACITY, initialCapacity));
    floats = new float[capacity];
    wallOffsets = new int[capacity];
  }

  @Override
  public int size() {
    return count;
  }

  boolean isFull() {
    return count == CAPACITY;
  }

  @Override
  public long minStep() {
    return minStep;
  }

  @Override
  public long maxStep() {
    return maxStep;
  }

  @Override
  public double minWall() {
    return minWall;
  }

  @Override
  public double maxWall() {
    return maxWall;
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
    // The tight loop takes what it can; a point it cannot (the chunk's first two, a widening one)
    // goes through appendOne, and the tight loop resumes after it.
    int k = 0;
    while (k < take) {
      k += appendArithmeticFloats(steps, wallTimes, values, rows, from + k, take - k);
      if (k < take) {
        int i = rows == null ? from + k : rows[from + k];
        appendOne(steps[i], wallTimes[i], values[i]);
        k++;
      }
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
    int[] wo = wallOffsets;
    double base = wallBase;
    double unit = wallUnit;
    int c = count;
    long stride = stepStride;
    long next = stepBase + c * stride;
    long lo = minStep;
    long hi = maxStep;
    double loWall = minWall;
    double hiWall = maxWall;
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
      if (wo != null) {
        long offset = wallOffset(wall, base, unit);
        if (offset == NOT_AN_OFFSET) {
          break; // appendOne widens the wall times
        }
        wo[c] = (int) offset;
      } else {
        wl[c] = wall;
      }
      fl[c] = f;
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
      next += stride;
      c++;
    }
    count = c;
    minStep = lo;
    maxStep = hi;
    minWall = loWall;
    maxWall = hiWall;
    return k;
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
    appendWall(wall);
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

  private void appendWall(double wall) {
    if (walls != null) {
      walls[count] = wall;
      return;
    }
    if (count == 0) {
      wallBase = wall;
      wallUnit = Math.ulp(wall);
    }
    long offset = wallOffset(wall, wallBase, wallUnit);
    if (offset != NOT_AN_OFFSET) {
      wallOffsets[count] = (int) offset;
    } else {
      widenWalls();
      walls[count] = wall;
    }
  }

  /**
   * A wall time as an int offset from {@code base} in {@code unit}s, or {@link #NOT_AN_OFFSET}
   * when it does not fit an int or would not read back bit for bit through {@link #wallAt}.
   */
  static long wallOffset(double wall, double base, double unit) {
    long offset = (long) ((wall - base) / unit);
    boolean exact = offset == (int) offset
        && Double.doubleToRawLongBits(wallAt(base, (int) offset, unit)) == Double.doubleToRawLongBits(wall);
    return exact ? offset : NOT_AN_OFFSET;
  }

  /** The wall time an offset stands for: the only decoding, on and off the heap. */
  static double wallAt(double base, int offset, double unit) {
    return base + offset * unit;
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
   * An off-heap copy of this chunk (see {@link SealedChunk}), or null when direct memory is
   * exhausted. The chunk itself is left unchanged: {@link #reset()} reuses its arrays.
   */
  SealedChunk seal() {
    return SealedChunk.copyOf(
        count, stepBase, stepStride, stepsLong, stepOffsets, floats, doubles, walls, wallOffsets, wallBase, wallUnit,
        minStep, maxStep, minWall, maxWall);
  }

  /**
   * Empties the chunk for the next points, keeping its arrays: a long series seals a chunk every
   * {@link #CAPACITY} points, and allocating (and zeroing) new arrays each time showed in
   * profiles of cold ingest.
   */
  void reset() {
    count = 0;
    stepBase = 0;
    stepStride = 0;
    stepOffsets = null;
    stepsLong = null;
    if (floats == null) {
      floats = new float[capacity];
      doubles = null;
    }
    if (wallOffsets == null) {
      wallOffsets = new int[capacity];
      walls = null;
    }
    minStep = Long.MAX_VALUE;
    maxStep = Long.MIN_VALUE;
    minWall = Double.POSITIVE_INFINITY;
    maxWall = Double.NEGATIVE_INFINITY;
  }

  @Override
  public long step(int i) {
    if (stepsLong != null) {
      return stepsLong[i];
    }
    if (stepOffsets != null) {
      return stepBase + stepOffsets[i];
    }
    return stepBase + i * stepStride;
  }

  @Override
  public double wall(int i) {
    return walls != null ? walls[i] : wallAt(wallBase, wallOffsets[i], wallUnit);
  }

  @Override
  public double value(int i) {
    return floats != null ? floats[i] : doubles[i];
  }

  @Override
  public void copyTo(int from, int to, long[] steps, double[] wallTimes, double[] values, int at) {
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
    if (walls != null) {
      System.arraycopy(walls, from, wallTimes, at, n);
    } else {
      for (int i = 0; i < n; i++) {
        wallTimes[at + i] = wallAt(wallBase, wallOffsets[from + i], wallUnit);
      }
    }
    if (floats != null) {
      for (int i = 0; i < n; i++) {
        values[at + i] = floats[from + i];
      }
    } else {
      System.arraycopy(doubles, from, values, at, n);
    }
  }

  @Override
  public long residentBytes() {
    long bytes = 112 + (walls != null ? arrayBytes(walls.length, 8) : arrayBytes(wallOffsets.length, 4));
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
