package dev.runboard.index;

/**
 * One chunk of a scalar series' points, in logged order, in the most compact encoding that holds
 * them exactly:
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
 * <p>So a densely logged point costs 8 bytes, a typical one 12 and the worst 24. The open {@link
 * ScalarChunk} chooses the encoding while appending; a full one becomes a {@link SealedChunk}
 * with the same arrays. This class reads both. Not thread-safe: {@link ScalarColumn} guards it.
 */
abstract class ScalarPoints {
  int count;
  long stepBase;
  long stepStride;
  int[] stepOffsets; // non-null once steps are not arithmetic but fit int offsets
  long[] stepsLong; // non-null once steps need longs
  float[] floats; // values while all are floats
  double[] doubles; // values once one is not
  int[] wallOffsets; // wall times while they fit offsets from wallBase in wallUnits
  double wallBase;
  double wallUnit;
  double[] walls; // non-null once a wall time does not fit
  long minStep = Long.MAX_VALUE;
  long maxStep = Long.MIN_VALUE;
  double minWall = Double.POSITIVE_INFINITY;
  double maxWall = Double.NEGATIVE_INFINITY;

  ScalarPoints() {}

  /** The same points as {@code encoded}, over the same arrays. */
  ScalarPoints(ScalarPoints encoded) {
    count = encoded.count;
    stepBase = encoded.stepBase;
    stepStride = encoded.stepStride;
    stepOffsets = encoded.stepOffsets;
    stepsLong = encoded.stepsLong;
    floats = encoded.floats;
    doubles = encoded.doubles;
    wallOffsets = encoded.wallOffsets;
    wallBase = encoded.wallBase;
    wallUnit = encoded.wallUnit;
    walls = encoded.walls;
    minStep = encoded.minStep;
    maxStep = encoded.maxStep;
    minWall = encoded.minWall;
    maxWall = encoded.maxWall;
  }

  /** Bytes held, object headers included. */
  abstract long residentBytes();

  final int size() {
    return count;
  }

  final long minStep() {
    return minStep;
  }

  final long maxStep() {
    return maxStep;
  }

  final double minWall() {
    return minWall;
  }

  final double maxWall() {
    return maxWall;
  }

  final long step(int i) {
    if (stepsLong != null) {
      return stepsLong[i];
    }
    if (stepOffsets != null) {
      return stepBase + stepOffsets[i];
    }
    return stepBase + i * stepStride;
  }

  final double wall(int i) {
    return walls != null ? walls[i] : wallAt(wallBase, wallOffsets[i], wallUnit);
  }

  final double value(int i) {
    return floats != null ? floats[i] : doubles[i];
  }

  /** The wall time an offset stands for: the only decoding. */
  static double wallAt(double base, int offset, double unit) {
    return base + offset * unit;
  }

  /**
   * Where the first lowest and the first highest value of points {@code [from, to)} are, NaN left
   * out, as {@code (min << 32) | max}; both -1 when every value is NaN. This scans every point; a
   * sealed chunk answers from per-block summaries.
   */
  long extremes(int from, int to) {
    return floats != null ? extremes(floats, from, to) : extremes(doubles, from, to);
  }

  /** As {@link #extremes(int, int)}, over {@code a[from..to)}. */
  static long extremes(double[] a, int from, int to) {
    // Strict comparisons from the infinities keep the first of equals and let no NaN in, with
    // two branches a point; only a range without any finite value needs the general loop.
    int min = -1;
    int max = -1;
    double minValue = Double.POSITIVE_INFINITY;
    double maxValue = Double.NEGATIVE_INFINITY;
    for (int i = from; i < to; i++) {
      double v = a[i];
      if (v < minValue) {
        min = i;
        minValue = v;
      }
      if (v > maxValue) {
        max = i;
        maxValue = v;
      }
    }
    if (min < 0 || max < 0) {
      for (int i = from; i < to; i++) {
        double v = a[i]; // every value here is infinite or NaN: the first of each infinity
        if (min < 0 && v == Double.POSITIVE_INFINITY) {
          min = i;
        }
        if (max < 0 && v == Double.NEGATIVE_INFINITY) {
          max = i;
        }
      }
    }
    return pack(min, max);
  }

  /** As {@link #extremes(double[], int, int)}, for float values. */
  static long extremes(float[] a, int from, int to) {
    int min = -1;
    int max = -1;
    float minValue = Float.POSITIVE_INFINITY;
    float maxValue = Float.NEGATIVE_INFINITY;
    for (int i = from; i < to; i++) {
      float v = a[i];
      if (v < minValue) {
        min = i;
        minValue = v;
      }
      if (v > maxValue) {
        max = i;
        maxValue = v;
      }
    }
    if (min < 0 || max < 0) {
      for (int i = from; i < to; i++) {
        float v = a[i];
        if (min < 0 && v == Float.POSITIVE_INFINITY) {
          min = i;
        }
        if (max < 0 && v == Float.NEGATIVE_INFINITY) {
          max = i;
        }
      }
    }
    return pack(min, max);
  }

  /** Two point positions in one long, as {@link #extremes} answers them. */
  static long pack(int min, int max) {
    return ((long) min << 32) | (max & 0xFFFFFFFFL);
  }

  /** Copies points {@code [from, to)} into the arrays at {@code at}. */
  final void copyTo(int from, int to, long[] steps, double[] wallTimes, double[] values, int at) {
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

  /** Bytes of the column arrays, headers included. */
  final long arraysBytes() {
    long bytes = walls != null ? arrayBytes(walls.length, 8) : arrayBytes(wallOffsets.length, 4);
    if (stepOffsets != null) {
      bytes += arrayBytes(stepOffsets.length, 4);
    }
    if (stepsLong != null) {
      bytes += arrayBytes(stepsLong.length, 8);
    }
    return bytes + (floats != null ? arrayBytes(floats.length, 4) : arrayBytes(doubles.length, 8));
  }

  static long arrayBytes(int length, int elementBytes) {
    return 16 + ((long) length * elementBytes + 7) / 8 * 8;
  }
}
