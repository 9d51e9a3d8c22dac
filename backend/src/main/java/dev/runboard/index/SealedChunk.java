package dev.runboard.index;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * A full {@link ScalarChunk}, copied off the heap in the same encoding (arithmetic, int-offset or
 * long steps; float or double values; int-offset or double wall times) and never changed again.
 *
 * <p>Why off the heap: a long series' points live as long as the index, and on the heap every
 * young collection copied them while they were new. Cold ingest of 100 M points spent more time
 * in those copies than in reading the files. Off the heap they are written once and freed
 * explicitly ({@link #free()}) when the series is evicted or dropped. Not thread-safe: {@link
 * ScalarColumn} guards it, and frees it only under its write lock, so no read can follow a free.
 */
final class SealedChunk implements ScalarPoints {
  /** The heap side: this object, the buffer objects and their cleaner. */
  private static final long OBJECT_BYTES = 400;
  /** Points per block of the extremes summary. */
  static final int BLOCK = 64;

  private final int count;
  private final long stepBase;
  private final long stepStride;
  private final long minStep;
  private final long maxStep;
  private final double minWall;
  private final double maxWall;
  private final ByteBuffer memory;
  private final DoubleBuffer walls; // null while wall times were offsets
  private final IntBuffer wallOffsets; // null unless they were
  private final double wallBase;
  private final double wallUnit;
  private final LongBuffer stepsLong; // null unless steps needed longs
  private final IntBuffer stepOffsets; // null unless steps were int offsets from the base
  private final FloatBuffer floats; // values, when all were floats
  private final DoubleBuffer doubles; // values otherwise
  /**
   * Per block of {@link #BLOCK} points, where its first lowest and first highest value are (-1
   * for a block of NaN only), interleaved: M4 takes a pixel column's extremes from these and
   * reads points only at the column's two ends.
   */
  private final short[] blockExtremes;
  /**
   * Those extremes' values, interleaved the same way, on the heap: comparing them here costs a
   * fraction of a read off the heap, and a 10 M-point series compares about 150,000 of them.
   */
  private final double[] blockValues;

  private SealedChunk(
      ByteBuffer memory, int count, long stepBase, long stepStride, boolean longSteps,
      boolean offsetSteps, boolean floatValues, boolean offsetWalls, double wallBase, double wallUnit,
      long minStep, long maxStep, double minWall, double maxWall) {
    this.memory = memory;
    this.count = count;
    this.stepBase = stepBase;
    this.stepStride = stepStride;
    this.minStep = minStep;
    this.maxStep = maxStep;
    this.minWall = minWall;
    this.maxWall = maxWall;
    this.wallBase = wallBase;
    this.wallUnit = wallUnit;
    // Eight-byte columns first, so that every column is aligned whatever the count.
    int at = 0;
    walls = offsetWalls ? null : slice(at, 8L * count).asDoubleBuffer();
    at += offsetWalls ? 0 : 8 * count;
    stepsLong = longSteps ? slice(at, 8L * count).asLongBuffer() : null;
    at += longSteps ? 8 * count : 0;
    doubles = floatValues ? null : slice(at, 8L * count).asDoubleBuffer();
    at += floatValues ? 0 : 8 * count;
    stepOffsets = offsetSteps ? slice(at, 4L * count).asIntBuffer() : null;
    at += offsetSteps ? 4 * count : 0;
    floats = floatValues ? slice(at, 4L * count).asFloatBuffer() : null;
    at += floatValues ? 4 * count : 0;
    wallOffsets = offsetWalls ? slice(at, 4L * count).asIntBuffer() : null;
    blockExtremes = new short[2 * ((count + BLOCK - 1) / BLOCK)];
    blockValues = new double[blockExtremes.length];
  }

  /**
   * Copies the encoded columns of a chunk off the heap; returns null when direct memory is
   * exhausted (the chunk then stays on the heap).
   */
  static SealedChunk copyOf(
      int count, long stepBase, long stepStride, long[] stepsLong, int[] stepOffsets,
      float[] floats, double[] doubles, double[] walls, int[] wallOffsets, double wallBase, double wallUnit,
      long minStep, long maxStep, double minWall, double maxWall) {
    long bytes = (walls != null ? 8L * count : 4L * count)
        + (stepsLong != null ? 8L * count : stepOffsets != null ? 4L * count : 0)
        + (floats != null ? 4L * count : 8L * count);
    ByteBuffer memory = bytes > Integer.MAX_VALUE ? null : DirectMemory.allocate((int) bytes);
    if (memory == null) {
      return null;
    }
    SealedChunk sealed = new SealedChunk(
        memory, count, stepBase, stepStride, stepsLong != null, stepOffsets != null,
        floats != null, walls == null, wallBase, wallUnit, minStep, maxStep, minWall, maxWall);
    if (walls != null) {
      sealed.walls.put(0, walls, 0, count);
    } else {
      sealed.wallOffsets.put(0, wallOffsets, 0, count);
    }
    if (stepsLong != null) {
      sealed.stepsLong.put(0, stepsLong, 0, count);
    } else if (stepOffsets != null) {
      sealed.stepOffsets.put(0, stepOffsets, 0, count);
    }
    if (floats != null) {
      sealed.floats.put(0, floats, 0, count);
    } else {
      sealed.doubles.put(0, doubles, 0, count);
    }
    sealed.summarize();
    return sealed;
  }

  private void summarize() {
    for (int b = 0; b < blockExtremes.length / 2; b++) {
      long e = ScalarPoints.super.extremes(b * BLOCK, Math.min(count, (b + 1) * BLOCK));
      int min = (int) (e >> 32);
      int max = (int) e;
      blockExtremes[2 * b] = (short) min;
      blockExtremes[2 * b + 1] = (short) max;
      blockValues[2 * b] = min >= 0 ? value(min) : Double.NaN;
      blockValues[2 * b + 1] = max >= 0 ? value(max) : Double.NaN;
    }
  }

  /** As the scan, from the block summaries where whole blocks are covered. */
  @Override
  public long extremes(int from, int to) {
    int firstBlock = (from + BLOCK - 1) / BLOCK;
    int endBlock = to / BLOCK;
    if (endBlock <= firstBlock) {
      return ScalarPoints.super.extremes(from, to);
    }
    // Head, whole blocks, tail: in point order, so that strict comparisons keep the first of equals.
    long head = ScalarPoints.super.extremes(from, firstBlock * BLOCK);
    int min = (int) (head >> 32);
    int max = (int) head;
    double minValue = min >= 0 ? value(min) : 0;
    double maxValue = max >= 0 ? value(max) : 0;
    for (int b = firstBlock; b < endBlock; b++) {
      // A block of NaN only has NaN here, which no comparison lets in.
      double low = blockValues[2 * b];
      if (low < minValue || (min < 0 && low == low)) {
        min = blockExtremes[2 * b];
        minValue = low;
      }
      double high = blockValues[2 * b + 1];
      if (high > maxValue || (max < 0 && high == high)) {
        max = blockExtremes[2 * b + 1];
        maxValue = high;
      }
    }
    long tail = ScalarPoints.super.extremes(endBlock * BLOCK, to);
    int tailMin = (int) (tail >> 32);
    int tailMax = (int) tail;
    if (tailMin >= 0) {
      double v = value(tailMin);
      if (min < 0 || v < minValue) {
        min = tailMin;
      }
    }
    if (tailMax >= 0) {
      double v = value(tailMax);
      if (max < 0 || v > maxValue) {
        max = tailMax;
      }
    }
    return ScalarPoints.pack(min, max);
  }

  private ByteBuffer slice(int at, long length) {
    return memory.slice(at, (int) length).order(memory.order());
  }

  @Override
  public int size() {
    return count;
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

  @Override
  public long step(int i) {
    if (stepsLong != null) {
      return stepsLong.get(i);
    }
    if (stepOffsets != null) {
      return stepBase + stepOffsets.get(i);
    }
    return stepBase + i * stepStride;
  }

  @Override
  public double wall(int i) {
    return walls != null ? walls.get(i) : ScalarChunk.wallAt(wallBase, wallOffsets.get(i), wallUnit);
  }

  @Override
  public double value(int i) {
    return floats != null ? floats.get(i) : doubles.get(i);
  }

  @Override
  public void copyTo(int from, int to, long[] steps, double[] wallTimes, double[] values, int at) {
    int n = to - from;
    if (stepsLong != null) {
      stepsLong.get(from, steps, at, n);
    } else if (stepOffsets != null) {
      for (int i = 0; i < n; i++) {
        steps[at + i] = stepBase + stepOffsets.get(from + i);
      }
    } else {
      for (int i = 0; i < n; i++) {
        steps[at + i] = stepBase + (from + i) * stepStride;
      }
    }
    if (walls != null) {
      walls.get(from, wallTimes, at, n);
    } else {
      for (int i = 0; i < n; i++) {
        wallTimes[at + i] = ScalarChunk.wallAt(wallBase, wallOffsets.get(from + i), wallUnit);
      }
    }
    if (floats != null) {
      for (int i = 0; i < n; i++) {
        values[at + i] = floats.get(from + i);
      }
    } else {
      doubles.get(from, values, at, n);
    }
  }

  @Override
  public long residentBytes() {
    return OBJECT_BYTES + memory.capacity() + 32 + 10L * blockExtremes.length;
  }

  /** Returns the memory at once; the chunk must not be read afterwards. */
  void free() {
    DirectMemory.free(memory);
  }
}
