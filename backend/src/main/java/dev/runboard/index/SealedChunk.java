package dev.runboard.index;

/**
 * A full {@link ScalarChunk}, in the same encoding (arithmetic, int-offset or long steps; float
 * or double values; int-offset or double wall times), never changed again, with a summary of its
 * values' extremes per block of {@link #BLOCK} points for M4.
 *
 * <p>It takes over the full chunk's arrays rather than copying them: a series fills a chunk every
 * 4,096 points, and cold ingest of a large logdir is mostly that. The arrays live on the heap, as
 * everything else the index holds: an earlier version copied them into direct buffers, and the
 * fresh native memory each chunk took (allocated, zeroed, first touched) cost more than the rest
 * of the ingest, while the collector copies a chunk once, when it leaves the young generation, and
 * then reuses the heap it already has. Not thread-safe: {@link ScalarColumn} guards it.
 */
final class SealedChunk extends ScalarPoints {
  /** This object, without its arrays. */
  private static final long OBJECT_BYTES = 120;
  /** Points per block of the extremes summary. */
  static final int BLOCK = 64;

  /**
   * Per block of {@link #BLOCK} points, where its first lowest and first highest value are (-1
   * for a block of NaN only), interleaved: M4 takes a pixel column's extremes from these and
   * reads points only at the column's two ends.
   */
  private final short[] blockExtremes;
  /** Those extremes' values, interleaved the same way: a 10 M-point series compares 150,000. */
  private final double[] blockValues;

  /**
   * The sealed form of a full chunk, taking over its arrays (each exactly its points long): the
   * chunk must not be used afterwards.
   */
  SealedChunk(ScalarChunk full) {
    super(full);
    blockExtremes = new short[2 * ((count + BLOCK - 1) / BLOCK)];
    blockValues = new double[blockExtremes.length];
    for (int b = 0; b < blockExtremes.length / 2; b++) {
      long e = super.extremes(b * BLOCK, Math.min(count, (b + 1) * BLOCK));
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
  long extremes(int from, int to) {
    int firstBlock = (from + BLOCK - 1) / BLOCK;
    int endBlock = to / BLOCK;
    if (endBlock <= firstBlock) {
      return super.extremes(from, to);
    }
    // Head, whole blocks, tail: in point order, so that strict comparisons keep the first of equals.
    long head = super.extremes(from, firstBlock * BLOCK);
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
    long tail = super.extremes(endBlock * BLOCK, to);
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

  @Override
  long residentBytes() {
    return OBJECT_BYTES + arraysBytes() + arrayBytes(blockExtremes.length, 2) + arrayBytes(blockValues.length, 8);
  }
}
