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
 *
 * <p>With a second value column (a smoothed line drawn over the raw one), each bucket also keeps
 * that column's lowest and highest point, so that both lines drawn from the result are exact: at
 * most six points a bucket.
 *
 * <p>Fed block by block as a {@link PointSink} by the index, or over columns already in memory
 * through {@link PointSelection}.
 */
final class M4 implements PointSink {
  private static final int FIRST = 0;
  private static final int LAST = 1;
  private static final int MIN = 2;
  private static final int MAX = 3;
  private static final int MIN2 = 4;
  private static final int MAX2 = 5;

  private final XMapper mapper;
  private final double from;
  private final double to;
  private final int columns;
  private final int roles;
  private final double scale;
  /** Per bucket and role: the point's index in the series, or -1. */
  private final long[] index;
  private final double[] x;
  private final long[] step;
  private final double[] wall;
  private final double[] value;
  private final double[] second;
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
    double second;
  }

  M4(XMapper mapper, double from, double to, int columns) {
    this(mapper, from, to, columns, false);
  }

  /** @param withSecond whether points come with a second value column whose extremes are kept too */
  M4(XMapper mapper, double from, double to, int columns, boolean withSecond) {
    if (columns < 1) {
      throw new IllegalArgumentException("columns must be at least 1");
    }
    this.mapper = mapper;
    this.from = from;
    this.to = to;
    this.columns = columns;
    this.roles = withSecond ? 6 : 4;
    this.scale = to > from ? columns / (to - from) : 0;
    int slots = columns * roles;
    index = new long[slots];
    Arrays.fill(index, -1);
    x = new double[slots];
    step = new long[slots];
    wall = new double[slots];
    value = new double[slots];
    second = withSecond ? new double[slots] : null;
  }

  @Override
  public void points(long[] steps, double[] walls, double[] values, int n, long firstIndex) {
    points(steps, walls, values, null, n, firstIndex);
  }

  /**
   * Points with their second value column ({@code seconds}; null for none, and required by an M4
   * made with a second column).
   */
  void points(long[] steps, double[] walls, double[] values, double[] seconds, int n, long firstIndex) {
    if (xs.length < n) {
      xs = new double[n];
    }
    boolean sorted = mapper.fill(steps, walls, n, xs);
    points(steps, walls, values, seconds, xs, sorted, n, firstIndex);
  }

  /**
   * As {@link #points(long[], double[], double[], double[], int, long)}, with each point's x
   * already computed by this M4's {@link XMapper#fill} into {@code xs}, which returned {@code
   * sorted} (a caller that needs the x itself computes it once). {@code xs} becomes this M4's
   * buffer for x.
   */
  void points(
      long[] steps, double[] walls, double[] values, double[] seconds, double[] xs, boolean sorted, int n,
      long firstIndex) {
    if ((seconds != null) != (second != null)) {
      throw new IllegalArgumentException("the second value column must be given exactly when the M4 keeps it");
    }
    this.xs = xs;
    if (!sorted) {
      for (int i = 0; i < n; i++) {
        add(firstIndex + i, xs[i], steps[i], walls[i], values[i], seconds == null ? Double.NaN : seconds[i]);
      }
      return;
    }
    // Sorted by x (the usual case): the points of one bucket are contiguous, so a bucket's
    // candidates are found in a tight loop and stored once per bucket, not once per point.
    int i = 0;
    while (i < n) {
      double px = xs[i];
      if (px < from || px > to) {
        add(firstIndex + i, px, steps[i], walls[i], values[i], seconds == null ? Double.NaN : seconds[i]);
        i++;
        continue;
      }
      int c = column(px);
      int lo = i;
      i = bucketEnd(lo, n, c);
      long extremes = ScalarPoints.extremes(values, lo, i);
      int min = (int) (extremes >> 32);
      int max = (int) extremes;
      total += i - lo;
      int base = c * roles;
      int last = i - 1;
      if (index[base + FIRST] < 0 || xs[lo] < x[base + FIRST]) {
        put(base + FIRST, firstIndex + lo, xs[lo], steps[lo], walls[lo], values[lo], at(seconds, lo));
      }
      if (index[base + LAST] < 0 || xs[last] >= x[base + LAST]) {
        put(base + LAST, firstIndex + last, xs[last], steps[last], walls[last], values[last], at(seconds, last));
      }
      if (min >= 0 && (index[base + MIN] < 0 || values[min] < value[base + MIN])) {
        put(base + MIN, firstIndex + min, xs[min], steps[min], walls[min], values[min], at(seconds, min));
      }
      if (max >= 0 && (index[base + MAX] < 0 || values[max] > value[base + MAX])) {
        put(base + MAX, firstIndex + max, xs[max], steps[max], walls[max], values[max], at(seconds, max));
      }
      if (seconds != null) {
        secondExtremes(steps, walls, values, seconds, lo, i, base, firstIndex);
      }
    }
  }

  /**
   * Points {@code [lo, hi)} of a chunk, the first being the series' point {@code firstIndex},
   * whose x never decreases and is never NaN (the caller knows from the column's statistics).
   * Each bucket's end is found by galloping over x, and its extremes come from the chunk, which
   * a sealed chunk answers from per-block summaries: a bucket of k points costs about log k
   * reads plus one block at each end, not k. The result is the same as feeding the points
   * through {@link #points}.
   */
  void sorted(ScalarPoints chunk, int lo, int hi, long firstIndex) {
    if (second != null) {
      throw new IllegalStateException("an M4 with a second value column is fed through points()");
    }
    int i = lo;
    while (i < hi) {
      double px = mapper.x(chunk, i);
      if (px < from || px > to) {
        add(firstIndex + i, px, chunk.step(i), chunk.wall(i), chunk.value(i), Double.NaN);
        i++;
        continue;
      }
      int c = column(px);
      int start = i;
      i = bucketEnd(chunk, start, hi, c);
      long extremes = chunk.extremes(start, i);
      int min = (int) (extremes >> 32);
      int max = (int) extremes;
      total += i - start;
      int base = c * roles;
      int last = i - 1;
      if (index[base + FIRST] < 0 || px < x[base + FIRST]) {
        put(base + FIRST, chunk, start, firstIndex, px);
      }
      double lastX = mapper.x(chunk, last);
      if (index[base + LAST] < 0 || lastX >= x[base + LAST]) {
        put(base + LAST, chunk, last, firstIndex, lastX);
      }
      if (min >= 0 && (index[base + MIN] < 0 || chunk.value(min) < value[base + MIN])) {
        put(base + MIN, chunk, min, firstIndex, mapper.x(chunk, min));
      }
      if (max >= 0 && (index[base + MAX] < 0 || chunk.value(max) > value[base + MAX])) {
        put(base + MAX, chunk, max, firstIndex, mapper.x(chunk, max));
      }
    }
  }

  /** As {@link #bucketEnd(int, int, int)}, over a chunk's points up to {@code hi}. */
  private int bucketEnd(ScalarPoints chunk, int start, int hi, int c) {
    int inside = start;
    int step = 1;
    int probe = start + 1;
    while (probe < hi && inColumn(mapper.x(chunk, probe), c)) {
      inside = probe;
      step <<= 1;
      probe = inside + step;
    }
    int outside = Math.min(probe, hi);
    while (outside - inside > 1) {
      int mid = (inside + outside) >>> 1;
      if (inColumn(mapper.x(chunk, mid), c)) {
        inside = mid;
      } else {
        outside = mid;
      }
    }
    return outside;
  }

  private void put(int slot, ScalarPoints chunk, int i, long firstIndex, double px) {
    put(slot, firstIndex + i, px, chunk.step(i), chunk.wall(i), chunk.value(i), Double.NaN);
  }

  /**
   * The first index after {@code start} (whose point is in column {@code c}) of a point past
   * {@code to} or in a later column, in sorted {@link #xs}: galloping, then bisecting, so that a
   * bucket of k points costs log k column computations instead of k.
   */
  private int bucketEnd(int start, int n, int c) {
    int inside = start;
    int step = 1;
    int probe = start + 1;
    while (probe < n && inColumn(xs[probe], c)) {
      inside = probe;
      step <<= 1;
      probe = inside + step;
    }
    int outside = Math.min(probe, n);
    while (outside - inside > 1) {
      int mid = (inside + outside) >>> 1;
      if (inColumn(xs[mid], c)) {
        inside = mid;
      } else {
        outside = mid;
      }
    }
    return outside;
  }

  private boolean inColumn(double px, int c) {
    return px <= to && column(px) == c;
  }

  private static double at(double[] seconds, int i) {
    return seconds == null ? Double.NaN : seconds[i];
  }

  /** The second column's lowest and highest point among the bucket's points {@code [lo, hi)}. */
  private void secondExtremes(
      long[] steps, double[] walls, double[] values, double[] seconds, int lo, int hi, int base, long firstIndex) {
    long extremes = ScalarPoints.extremes(seconds, lo, hi);
    int min = (int) (extremes >> 32);
    int max = (int) extremes;
    if (min >= 0 && (index[base + MIN2] < 0 || seconds[min] < second[base + MIN2])) {
      put(base + MIN2, firstIndex + min, xs[min], steps[min], walls[min], values[min], seconds[min]);
    }
    if (max >= 0 && (index[base + MAX2] < 0 || seconds[max] > second[base + MAX2])) {
      put(base + MAX2, firstIndex + max, xs[max], steps[max], walls[max], values[max], seconds[max]);
    }
  }

  /**
   * Where the first lowest and the first highest value of {@code a[lo, hi)} are, NaN left out, as
   * {@code (min << 32) | max}; both -1 when every value is NaN.
   */
  private int column(double px) {
    return Math.min(columns - 1, (int) ((px - from) * scale));
  }

  private void add(long idx, double px, long s, double w, double v, double v2) {
    if (px < from) {
      if (left.index < 0 || px >= left.x) {
        set(left, idx, px, s, w, v, v2);
      }
      return;
    }
    if (px > to || px != px) {
      if (px > to && (right.index < 0 || px < right.x)) {
        set(right, idx, px, s, w, v, v2);
      }
      return;
    }
    total++;
    int base = column(px) * roles;
    if (index[base + FIRST] < 0 || px < x[base + FIRST]) {
      put(base + FIRST, idx, px, s, w, v, v2);
    }
    if (index[base + LAST] < 0 || px >= x[base + LAST]) {
      put(base + LAST, idx, px, s, w, v, v2);
    }
    if (v == v) {
      if (index[base + MIN] < 0 || v < value[base + MIN]) {
        put(base + MIN, idx, px, s, w, v, v2);
      }
      if (index[base + MAX] < 0 || v > value[base + MAX]) {
        put(base + MAX, idx, px, s, w, v, v2);
      }
    }
    if (second != null && v2 == v2) {
      if (index[base + MIN2] < 0 || v2 < second[base + MIN2]) {
        put(base + MIN2, idx, px, s, w, v, v2);
      }
      if (index[base + MAX2] < 0 || v2 > second[base + MAX2]) {
        put(base + MAX2, idx, px, s, w, v, v2);
      }
    }
  }

  private static void set(Candidate c, long idx, double px, long s, double w, double v, double v2) {
    c.index = idx;
    c.x = px;
    c.step = s;
    c.wall = w;
    c.value = v;
    c.second = v2;
  }

  private void put(int slot, long idx, double px, long s, double w, double v, double v2) {
    index[slot] = idx;
    x[slot] = px;
    step[slot] = s;
    wall[slot] = w;
    value[slot] = v;
    if (second != null) {
      second[slot] = v2;
    }
  }

  /** Points in the range, bucketed or not. */
  long total() {
    return total;
  }

  /**
   * The kept slots in x order (ties by series order), duplicates once; the outside neighbours
   * are not included.
   */
  private int[] orderedSlots() {
    int[] out = new int[columns * roles];
    int size = 0;
    int[] order = new int[roles];
    for (int c = 0; c < columns; c++) {
      int base = c * roles;
      int n = 0;
      for (int role = 0; role < roles; role++) {
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
      // Insertion sort of at most six slots by (x, index).
      for (int a = 1; a < n; a++) {
        int s = order[a];
        int b = a - 1;
        while (b >= 0 && (x[order[b]] > x[s] || (x[order[b]] == x[s] && index[order[b]] > index[s]))) {
          order[b + 1] = order[b];
          b--;
        }
        order[b + 1] = s;
      }
      System.arraycopy(order, 0, out, size, n);
      size += n;
    }
    return Arrays.copyOf(out, size);
  }

  /** The kept points in x order (ties by series order), the outside neighbours included. */
  Points result() {
    int[] slots = orderedSlots();
    Points out = new Points(slots.length + 2);
    if (left.index >= 0) {
      out.add(left.step, left.wall, left.value);
    }
    for (int slot : slots) {
      out.add(step[slot], wall[slot], value[slot]);
    }
    if (right.index >= 0) {
      out.add(right.step, right.wall, right.value);
    }
    return out;
  }

  /** The second column of the points {@link #result()} returns, in the same order. */
  double[] resultSeconds() {
    if (second == null) {
      throw new IllegalStateException("this M4 keeps no second column");
    }
    int[] slots = orderedSlots();
    double[] out = new double[slots.length + (left.index >= 0 ? 1 : 0) + (right.index >= 0 ? 1 : 0)];
    int k = 0;
    if (left.index >= 0) {
      out[k++] = left.second;
    }
    for (int slot : slots) {
      out[k++] = second[slot];
    }
    if (right.index >= 0) {
      out[k] = right.second;
    }
    return out;
  }

  /** The series indices of the points {@link #result()} returns, in the same order. */
  long[] resultIndices() {
    int[] slots = orderedSlots();
    long[] out = new long[slots.length + (left.index >= 0 ? 1 : 0) + (right.index >= 0 ? 1 : 0)];
    int k = 0;
    if (left.index >= 0) {
      out[k++] = left.index;
    }
    for (int slot : slots) {
      out[k++] = index[slot];
    }
    if (right.index >= 0) {
      out[k] = right.index;
    }
    return out;
  }

  /** How many of the kept points are inside the range. */
  int keptInRange(int kept) {
    return kept - (left.index >= 0 ? 1 : 0) - (right.index >= 0 ? 1 : 0);
  }
}
