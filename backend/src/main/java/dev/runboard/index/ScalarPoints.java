package dev.runboard.index;

/**
 * Read access to one chunk of a scalar series' points, in logged order: the open {@link
 * ScalarChunk} that appends go to, or a full one sealed off the heap ({@link SealedChunk}). Not
 * thread-safe: {@link ScalarColumn} guards it.
 */
interface ScalarPoints {
  int size();

  long minStep();

  long maxStep();

  double minWall();

  double maxWall();

  long step(int i);

  double wall(int i);

  double value(int i);

  /**
   * Where the first lowest and the first highest value of points {@code [from, to)} are, NaN left
   * out, as {@code (min << 32) | max}; both -1 when every value is NaN. This scans every point; a
   * sealed chunk answers from per-block summaries.
   */
  default long extremes(int from, int to) {
    int min = -1;
    int max = -1;
    double minValue = 0;
    double maxValue = 0;
    for (int i = from; i < to; i++) {
      double v = value(i);
      if (v == v) {
        if (min < 0 || v < minValue) {
          min = i;
          minValue = v;
        }
        if (max < 0 || v > maxValue) {
          max = i;
          maxValue = v;
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
  void copyTo(int from, int to, long[] steps, double[] wallTimes, double[] values, int at);

  /** Bytes held, on and off the heap, object headers included. */
  long residentBytes();
}
