package dev.runboard.index;

import java.util.Arrays;

/**
 * M4 downsampling (Jugel et al., "M4: A Visualization-Oriented Time Series Data Aggregation", VLDB
 * 2014): the x-range is cut into one bucket per pixel column, and of each bucket only the first
 * and last point (by x) and the lowest and highest point (by value) are kept, duplicates once.
 * A line drawn through the result at that width covers exactly the pixels the full series
 * covers, so no spike is ever lost, unlike TensorBoard's random reservoir.
 *
 * <p>One pass, in any order of the input (series need not be sorted by x): each bucket keeps the
 * four candidates seen so far. NaN values are kept as first or last point of their bucket (so
 * gaps stay where they were) but never as minimum or maximum. Points outside {@code [from, to]}
 * are not bucketed; the nearest one on each side is kept so that a line reaches the edges.
 */
final class M4 implements PointSink {
  private static final int FIRST = 0;
  private static final int LAST = 1;
  private static final int MIN = 2;
  private static final int MAX = 3;

  private final XMapper mapper;
  private final double from;
  private final double to;
  private final int columns;
  private final double scale;
  /** Per bucket and role: the point's index in the series, or -1. */
  private final long[] index;
  private final double[] x;
  private final long[] step;
  private final double[] wall;
  private final double[] value;
  private long total;
  /** The x of each point of the current block. */
  private double[] xs = new double[0];
  private final Candidate left = new Candidate();
  private final Candidate right = new Candidate();

  /** The nearest point outside the range on one side. */
  private static final class Candidate {
    long index = -1;
    double x;
    long step;
    double wall;
    double value;
  }

  M4(XMapper mapper, double from, double to, int columns) {
    if (columns < 1) {
      throw new IllegalArgumentException("columns must be at least 1");
    }
    this.mapper = mapper;
    this.from = from;
    this.to = to;
    this.columns = columns;
    this.scale = to > from ? columns / (to - from) : 0;
    int slots = columns * 4;
    index = new long[slots];
    Arrays.fill(index, -1);
    x = new double[slots];
    step = new long[slots];
    wall = new double[slots];
    value = new double[slots];
  }

  @Override
  public void points(long[] steps, double[] walls, double[] values, int n, long firstIndex) {
    if (xs.length < n) {
      xs = new double[n];
    }
    boolean sorted = mapper.fill(steps, walls, n, xs);
    if (!sorted) {
      for (int i = 0; i < n; i++) {
        point(i, firstIndex + i, steps, walls, values);
      }
      return;
    }
    // Sorted by x (the usual case): the points of one bucket are contiguous, so a bucket's four
    // candidates are found in a tight loop and stored once per bucket, not once per point.
    int i = 0;
    while (i < n) {
      double px = xs[i];
      if (px < from || px > to) {
        point(i, firstIndex + i, steps, walls, values);
        i++;
        continue;
      }
      int c = column(px);
      int lo = i;
      int min = -1;
      int max = -1;
      double minValue = 0;
      double maxValue = 0;
      for (; i < n && xs[i] <= to && column(xs[i]) == c; i++) {
        double v = values[i];
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
      total += i - lo;
      int base = c * 4;
      if (index[base + FIRST] < 0 || xs[lo] < x[base + FIRST]) {
        put(base + FIRST, firstIndex + lo, xs[lo], steps[lo], walls[lo], values[lo]);
      }
      int last = i - 1;
      if (index[base + LAST] < 0 || xs[last] >= x[base + LAST]) {
        put(base + LAST, firstIndex + last, xs[last], steps[last], walls[last], values[last]);
      }
      if (min >= 0 && (index[base + MIN] < 0 || minValue < value[base + MIN])) {
        put(base + MIN, firstIndex + min, xs[min], steps[min], walls[min], minValue);
      }
      if (max >= 0 && (index[base + MAX] < 0 || maxValue > value[base + MAX])) {
        put(base + MAX, firstIndex + max, xs[max], steps[max], walls[max], maxValue);
      }
    }
  }

  private int column(double px) {
    return Math.min(columns - 1, (int) ((px - from) * scale));
  }

  /** One point, in any order: the general rule. */
  private void point(int i, long idx, long[] steps, double[] walls, double[] values) {
    double px = xs[i];
    if (px < from) {
      if (left.index < 0 || px >= left.x) {
        set(left, idx, px, steps[i], walls[i], values[i]);
      }
      return;
    }
    if (px > to || px != px) {
      if (px > to && (right.index < 0 || px < right.x)) {
        set(right, idx, px, steps[i], walls[i], values[i]);
      }
      return;
    }
    total++;
    int base = column(px) * 4;
    double v = values[i];
    if (index[base + FIRST] < 0 || px < x[base + FIRST]) {
      put(base + FIRST, idx, px, steps[i], walls[i], v);
    }
    if (index[base + LAST] < 0 || px >= x[base + LAST]) {
      put(base + LAST, idx, px, steps[i], walls[i], v);
    }
    if (v == v) {
      if (index[base + MIN] < 0 || v < value[base + MIN]) {
        put(base + MIN, idx, px, steps[i], walls[i], v);
      }
      if (index[base + MAX] < 0 || v > value[base + MAX]) {
        put(base + MAX, idx, px, steps[i], walls[i], v);
      }
    }
  }

  private static void set(Candidate c, long idx, double px, long s, double w, double v) {
    c.index = idx;
    c.x = px;
    c.step = s;
    c.wall = w;
    c.value = v;
  }

  private void put(int slot, long idx, double px, long s, double w, double v) {
    index[slot] = idx;
    x[slot] = px;
    step[slot] = s;
    wall[slot] = w;
    value[slot] = v;
  }

  /** Points in the range, bucketed or not. */
  long total() {
    return total;
  }

  /** The kept points in x order (ties by series order), the outside neighbours included. */
  Points result() {
    Points out = new Points(columns * 4 + 2);
    if (left.index >= 0) {
      out.add(left.step, left.wall, left.value);
    }
    int[] order = new int[4];
    for (int c = 0; c < columns; c++) {
      int base = c * 4;
      int n = 0;
      for (int role = 0; role < 4; role++) {
        int slot = base + role;
        if (index[slot] < 0) {
          continue;
        }
        boolean duplicate = false;
        for (int k = 0; k < n; k++) {
          duplicate |= index[order[k]] == index[slot];
        }
        if (!duplicate) {
          order[n++] = slot;
        }
      }
      // Insertion sort of at most four slots by (x, index).
      for (int a = 1; a < n; a++) {
        int s = order[a];
        int b = a - 1;
        while (b >= 0 && (x[order[b]] > x[s] || (x[order[b]] == x[s] && index[order[b]] > index[s]))) {
          order[b + 1] = order[b];
          b--;
        }
        order[b + 1] = s;
      }
      for (int k = 0; k < n; k++) {
        out.add(step[order[k]], wall[order[k]], value[order[k]]);
      }
    }
    if (right.index >= 0) {
      out.add(right.step, right.wall, right.value);
    }
    return out;
  }

  /** How many of the kept points are inside the range. */
  int keptInRange(Points result) {
    return result.size() - (left.index >= 0 ? 1 : 0) - (right.index >= 0 ? 1 : 0);
  }
}
