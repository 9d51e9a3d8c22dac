package dev.runboard.index;

import dev.runboard.data.XAxis;

/**
 * Which points of a series already in memory to send: the same range reads and M4 downsampling
 * the index answers {@link dev.runboard.data.ScalarQuery}s with, over columns a caller holds (a
 * series after smoothing or after dropping superseded points, say). The answer is indices into
 * the caller's columns, so that any number of columns can be gathered from it.
 *
 * @param indices positions in the columns: for a range, in logged order; for M4, in x order; the
 *     nearest point outside the range on each side included
 * @param total points of the columns within the range
 * @param downsampled true when fewer points than {@code total} were kept inside the range
 */
public record PointSelection(int[] indices, long total, boolean downsampled) {
  /** Every point, in logged order. */
  public static PointSelection all(int n) {
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      indices[i] = i;
    }
    return new PointSelection(indices, n, false);
  }

  /**
   * The points with x in {@code [from, to]} (NaN: unbounded) and the nearest one outside on each
   * side, in logged order.
   *
   * @param relativeBase the run's first wall time, the origin of the relative axis
   */
  public static PointSelection range(
      XAxis axis, double relativeBase, long[] steps, double[] walls, double[] values, double from, double to) {
    XMapper mapper = new XMapper(axis, relativeBase);
    double lo = Double.isNaN(from) ? Double.NEGATIVE_INFINITY : from;
    double hi = Double.isNaN(to) ? Double.POSITIVE_INFINITY : to;
    RangeCollector range = new RangeCollector(mapper, lo, hi);
    range.points(steps, walls, values, steps.length, 0);
    return new PointSelection(toInts(range.resultIndices()), range.total(), false);
  }

  /**
   * M4 over {@code columns} pixel columns of {@code [from, to]} (NaN: the columns' own x-range):
   * per column the first, last, lowest and highest point, and, when {@code second} is given, that
   * column's lowest and highest point too.
   */
  public static PointSelection m4(
      XAxis axis, double relativeBase, long[] steps, double[] walls, double[] values, double[] second,
      double from, double to, int columns) {
    XMapper mapper = new XMapper(axis, relativeBase);
    if (Double.isNaN(from) || Double.isNaN(to)) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < steps.length; i++) {
        double x = mapper.x(steps[i], walls[i]);
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      if (min > max) {
        return new PointSelection(new int[0], 0, false);
      }
      from = Double.isNaN(from) ? min : from;
      to = Double.isNaN(to) ? max : to;
    }
    M4 m4 = new M4(mapper, from, to, columns, second != null);
    m4.points(steps, walls, values, second, steps.length, 0);
    int[] kept = toInts(m4.resultIndices());
    return new PointSelection(kept, m4.total(), m4.keptInRange(kept.length) < m4.total());
  }

  private static int[] toInts(long[] indices) {
    int[] out = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = (int) indices[i];
    }
    return out;
  }
}
