package dev.runboard.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.data.ScalarQuery;
import dev.runboard.data.ScalarSeries;
import dev.runboard.data.XAxis;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * M4's promises on random and adversarial series: every bucket's extremes survive, the output is
 * sorted and at most 4 points per column, and the line drawn from it covers, in every pixel
 * column, exactly the vertical extent the full series' line covers.
 */
class M4Test {
  private static ScalarColumn column(long[] steps, double[] values) {
    ScalarColumn c = new ScalarColumn("r", "t", "scalars", 0);
    double[] walls = new double[steps.length];
    for (int i = 0; i < walls.length; i++) {
      walls[i] = 1000 + i;
    }
    c.append(steps, walls, values, 0, steps.length);
    return c;
  }

  private static ScalarSeries m4(ScalarColumn c, int columns, double from, double to) {
    ScalarQuery q = new ScalarQuery(XAxis.STEP, from, to, columns, -1);
    return ScalarReads.read(c, c.stats(), q, 0, (a, b, sink) -> c.scan(a, b, sink));
  }

  private static ScalarSeries full(ScalarColumn c) {
    return ScalarReads.read(c, c.stats(), ScalarQuery.full(), 0, (a, b, sink) -> c.scan(a, b, sink));
  }

  /** The vertical extent [min, max] the polyline covers within each of n columns over [from, to]. */
  private static double[][] raster(long[] xs, double[] ys, int n, double from, double to) {
    double[] lo = new double[n];
    double[] hi = new double[n];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    double width = (to - from) / n;
    for (int i = 0; i + 1 < xs.length; i++) {
      double x0 = xs[i];
      double x1 = xs[i + 1];
      double y0 = ys[i];
      double y1 = ys[i + 1];
      if (Double.isNaN(y0) || Double.isNaN(y1)) {
        continue;
      }
      for (int c = 0; c < n; c++) {
        double cl = from + c * width;
        double cr = c == n - 1 ? to : from + (c + 1) * width;
        double a = Math.max(Math.min(x0, x1), cl);
        double b = Math.min(Math.max(x0, x1), cr);
        if (a > b || (c < n - 1 && a == cr)) {
          continue;
        }
        double ya = x1 == x0 ? Math.min(y0, y1) : y0 + (y1 - y0) * (a - x0) / (x1 - x0);
        double yb = x1 == x0 ? Math.max(y0, y1) : y0 + (y1 - y0) * (b - x0) / (x1 - x0);
        lo[c] = Math.min(lo[c], Math.min(ya, yb));
        hi[c] = Math.max(hi[c], Math.max(ya, yb));
      }
    }
    return new double[][] {lo, hi};
  }

  private static void checkProperties(long[] steps, double[] values, int columns) {
    ScalarColumn c = column(steps, values);
    ScalarSeries all = full(c);
    ScalarSeries d = m4(c, columns, Double.NaN, Double.NaN);
    assertThat(d.size()).isLessThanOrEqualTo(4 * columns);
    assertThat(d.total()).isEqualTo(steps.length);
    for (int i = 1; i < d.size(); i++) {
      assertThat(d.steps()[i]).isGreaterThanOrEqualTo(d.steps()[i - 1]);
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (v == v) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (min <= max) {
      assertThat(d.values()).contains(min, max);
    }
    long lo = java.util.Arrays.stream(steps).min().orElse(0);
    long hi = java.util.Arrays.stream(steps).max().orElse(0);
    if (hi > lo && isSorted(steps)) {
      double[][] expected = raster(all.steps(), all.values(), columns, lo, hi);
      double[][] actual = raster(d.steps(), d.values(), columns, lo, hi);
      for (int col = 0; col < columns; col++) {
        assertThat(actual[0][col]).as("column %d low", col).isCloseTo(expected[0][col], org.assertj.core.data.Offset.offset(1e-9));
        assertThat(actual[1][col]).as("column %d high", col).isCloseTo(expected[1][col], org.assertj.core.data.Offset.offset(1e-9));
      }
    }
  }

  private static boolean isSorted(long[] s) {
    for (int i = 1; i < s.length; i++) {
      if (s[i] < s[i - 1]) {
        return false;
      }
    }
    return true;
  }

  @Test
  void randomSeriesKeepTheirPixels() {
    Random random = new Random(42);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + random.nextInt(20_000);
      long[] steps = new long[n];
      double[] values = new double[n];
      long step = random.nextInt(100);
      for (int i = 0; i < n; i++) {
        step += 1 + (random.nextInt(10) == 0 ? random.nextInt(50) : 0);
        steps[i] = step;
        values[i] = random.nextGaussian() * (random.nextInt(100) == 0 ? 100 : 1);
      }
      checkProperties(steps, values, 1 + random.nextInt(500));
    }
  }

  /**
   * The exact M4 rule, point by point: per column the first and last point by x (ties: first and
   * last logged), the lowest and highest value (ties: first logged, NaN never), once each, in x
   * order; plus the nearest point outside on each side.
   */
  private static java.util.List<Integer> reference(long[] steps, double[] values, int columns, double from, double to) {
    int[][] best = new int[columns][4];
    for (int[] b : best) {
      java.util.Arrays.fill(b, -1);
    }
    int left = -1;
    int right = -1;
    double scale = to > from ? columns / (to - from) : 0;
    for (int i = 0; i < steps.length; i++) {
      double x = steps[i];
      if (x < from) {
        left = left < 0 || x >= steps[left] ? i : left;
        continue;
      }
      if (x > to) {
        right = right < 0 || x < steps[right] ? i : right;
        continue;
      }
      int[] b = best[Math.min(columns - 1, (int) ((x - from) * scale))];
      b[0] = b[0] < 0 || x < steps[b[0]] ? i : b[0];
      b[1] = b[1] < 0 || x >= steps[b[1]] ? i : b[1];
      if (values[i] == values[i]) {
        b[2] = b[2] < 0 || values[i] < values[b[2]] ? i : b[2];
        b[3] = b[3] < 0 || values[i] > values[b[3]] ? i : b[3];
      }
    }
    java.util.List<Integer> out = new java.util.ArrayList<>();
    if (left >= 0) {
      out.add(left);
    }
    for (int[] b : best) {
      java.util.Arrays.stream(b).filter(k -> k >= 0).distinct().boxed()
          .sorted(java.util.Comparator.<Integer>comparingLong(k -> steps[k]).thenComparing(k -> k))
          .forEach(out::add);
    }
    if (right >= 0) {
      out.add(right);
    }
    return out;
  }

  @Test
  void sortedSeriesGiveExactlyTheReferencePoints() {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + random.nextInt(trial % 10 == 0 ? 50_000 : 300);
      long[] steps = new long[n];
      double[] values = new double[n];
      long step = random.nextInt(10);
      for (int i = 0; i < n; i++) {
        step += random.nextInt(4) == 0 ? 0 : random.nextInt(3); // repeated steps too
        steps[i] = step;
        values[i] = random.nextInt(20) == 0 ? Double.NaN : random.nextInt(5); // ties and gaps
      }
      int columns = 1 + random.nextInt(60);
      boolean ranged = random.nextBoolean();
      double from = ranged ? steps[0] + random.nextInt((int) (step - steps[0] + 1)) : steps[0];
      double to = ranged ? from + random.nextInt((int) (step - from + 2)) : step;
      ScalarSeries d = m4(column(steps, values), columns, ranged ? from : Double.NaN, ranged ? to : Double.NaN);
      java.util.List<Integer> expected = reference(steps, values, columns, from, to);
      assertThat(d.size()).as("trial %d", trial).isEqualTo(expected.size());
      for (int k = 0; k < expected.size(); k++) {
        assertThat(d.steps()[k]).as("trial %d point %d", trial, k).isEqualTo(steps[expected.get(k)]);
        assertThat(Double.doubleToLongBits(d.values()[k])).as("trial %d point %d", trial, k).isEqualTo(Double.doubleToLongBits(values[expected.get(k)]));
      }
    }
  }

  /**
   * The chunk-by-chunk path over a sorted column (extremes from the sealed chunks' block
   * summaries) keeps exactly the points that feeding every point through {@link M4#points} keeps,
   * on every axis, for float and double values, ties, NaN and ranges that cut blocks anywhere.
   */
  @Test
  void sortedChunksKeepWhatEveryPointFedKeeps() {
    Random random = new Random(11);
    for (int trial = 0; trial < 60; trial++) {
      int n = 1 + random.nextInt(trial % 3 == 0 ? 40_000 : 9_000);
      long[] steps = new long[n];
      double[] walls = new double[n];
      double[] values = new double[n];
      long step = random.nextInt(100);
      double wall = 1.7e9;
      boolean floats = random.nextBoolean();
      for (int i = 0; i < n; i++) {
        step += random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(trial % 4 == 0 ? 1 : 7);
        steps[i] = step;
        wall += random.nextInt(6) * 0.25;
        walls[i] = wall;
        double v = random.nextInt(40) == 0 ? Double.NaN : random.nextInt(8) == 0 ? 3 : random.nextGaussian();
        values[i] = floats ? (float) v : v + 1e-12;
      }
      ScalarColumn c = new ScalarColumn("r", "t", "scalars", 0);
      for (int done = 0; done < n; ) { // batches of any size, so chunks start anywhere
        int k = Math.min(n - done, 1 + random.nextInt(3_000));
        c.append(steps, walls, values, done, k);
        done += k;
      }
      XAxis axis = XAxis.values()[trial % 3];
      XMapper mapper = new XMapper(axis, walls[0]);
      double lo = axis == XAxis.STEP ? steps[0] : mapper.x(steps[0], walls[0]);
      double hi = axis == XAxis.STEP ? steps[n - 1] : mapper.x(steps[n - 1], walls[n - 1]);
      double from = random.nextBoolean() ? lo : lo + random.nextDouble() * (hi - lo);
      double to = random.nextBoolean() ? hi : from + random.nextDouble() * (hi - from);
      int columns = 1 + random.nextInt(random.nextBoolean() ? 50 : 3_000);
      long start = random.nextInt(3) == 0 ? random.nextInt(n) : 0;
      M4 chunked = new M4(mapper, from, to, columns);
      assertThat(c.bucketSorted(start, n, chunked)).isGreaterThanOrEqualTo(0);
      M4 fed = new M4(mapper, from, to, columns);
      c.scan(start, n, fed);
      assertThat(chunked.resultIndices()).as("trial %d (%s)", trial, axis).containsExactly(fed.resultIndices());
      assertThat(chunked.total()).as("trial %d", trial).isEqualTo(fed.total());
    }
  }

  /**
   * A smoothing applied while the index scans (a {@link dev.runboard.data.ValueTransform}) keeps
   * the same points, with bit for bit the same smoothed values, as smoothing the whole series
   * first and bucketing it with both lines: on every axis, over ranges, with NaN and infinities,
   * and for constant series, which the EMA leaves as they are.
   */
  @Test
  void aSmoothingAppliedWhileScanningEqualsSmoothingTheWholeSeriesFirst() {
    Random random = new Random(12);
    var ema = new dev.runboard.scalars.smoothing.Ema(0.6);
    for (int trial = 0; trial < 60; trial++) {
      int n = 1 + random.nextInt(trial % 4 == 0 ? 30_000 : 3_000);
      long[] steps = new long[n];
      double[] walls = new double[n];
      double[] values = new double[n];
      boolean constant = trial % 10 == 3;
      for (int i = 0; i < n; i++) {
        steps[i] = random.nextInt(8) == 0 && i > 0 ? random.nextInt(i + 1) : i; // a few out of order
        walls[i] = 1.7e9 + i * 0.5;
        int kind = random.nextInt(50);
        values[i] = constant ? 0.1 : kind == 0 ? Double.NaN : kind == 1 ? Double.POSITIVE_INFINITY : random.nextGaussian();
      }
      ScalarColumn c = new ScalarColumn("r", "t", "scalars", 0);
      c.append(steps, walls, values, 0, n);
      XAxis axis = XAxis.values()[trial % 3];
      int columns = 1 + random.nextInt(400);
      boolean ranged = random.nextBoolean();
      XMapper mapper = new XMapper(axis, walls[0]);
      double lo = axis == XAxis.STEP ? 0 : mapper.x(0, walls[0]);
      double hi = axis == XAxis.STEP ? n - 1 : mapper.x(0, walls[n - 1]);
      double from = ranged ? lo + random.nextDouble() * (hi - lo) / 2 : Double.NaN;
      double to = ranged ? from + random.nextDouble() * (hi - from) : Double.NaN;
      ScalarQuery query = new ScalarQuery(axis, from, to, columns, -1, ema.streaming());
      ScalarSeries streamed = ScalarReads.read(c, c.stats(), query, walls[0], (a, b, sink) -> c.scan(a, b, sink));

      double[] x = new double[n];
      mapper.fill(steps, walls, n, x);
      double[] smoothed = ema.apply(x, values);
      PointSelection selected = PointSelection.m4(axis, walls[0], steps, walls, values, smoothed, from, to, columns);
      int[] kept = selected.indices();
      assertThat(streamed.steps()).as("trial %d (%s)", trial, axis).containsExactly(gather(steps, kept));
      assertThat(streamed.total()).as("trial %d", trial).isEqualTo(selected.total());
      assertThat(streamed.downsampled()).as("trial %d", trial).isEqualTo(selected.downsampled());
      for (int k = 0; k < kept.length; k++) {
        assertThat(Double.doubleToLongBits(streamed.second()[k])).as("trial %d point %d", trial, k)
            .isEqualTo(Double.doubleToLongBits(smoothed[kept[k]]));
      }
    }
  }

  @Test
  void aSingleSpikeSurvives() {
    int n = 1_000_000;
    long[] steps = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      steps[i] = i;
      values[i] = 1.0;
    }
    values[654_321] = 1e6;
    values[123_456] = -1e6;
    ScalarSeries d = m4(column(steps, values), 100, Double.NaN, Double.NaN);
    assertThat(d.values()).contains(1e6, -1e6);
    assertThat(d.downsampled()).isTrue();
    assertThat(d.size()).isLessThanOrEqualTo(400);
  }

  @Test
  void adversarialSeries() {
    checkProperties(new long[] {5}, new double[] {3}, 10); // one point
    checkProperties(new long[] {1, 2, 3, 4, 5, 6}, new double[] {2, 2, 2, 2, 2, 2}, 3); // constant
    checkProperties(new long[] {1, 1, 1, 2, 2, 2}, new double[] {1, 5, -5, 0, 9, -9}, 2); // duplicate x
    double nan = Double.NaN;
    checkProperties(new long[] {1, 2, 3, 4, 5, 6, 7, 8}, new double[] {1, nan, nan, nan, 4, nan, 2, 1}, 4);
    checkProperties(new long[] {1, 2, 3}, new double[] {nan, nan, nan}, 2);
    checkProperties(new long[] {3, 1, 2, 10, 4}, new double[] {1, 2, 3, 4, 5}, 3); // unsorted steps
  }

  @Test
  void rangeReadsIncludeTheNeighboursOutside() {
    long[] steps = new long[100];
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      steps[i] = i * 10L;
      values[i] = i;
    }
    ScalarColumn c = column(steps, values);
    ScalarQuery q = new ScalarQuery(XAxis.STEP, 205, 495, 0, -1);
    ScalarSeries r = ScalarReads.read(c, c.stats(), q, 0, (a, b, sink) -> c.scan(a, b, sink));
    assertThat(r.steps()).startsWith(200L, 210L).endsWith(490L, 500L);
    assertThat(r.total()).isEqualTo(29);
    ScalarSeries d = m4(c, 5, 205, 495);
    assertThat(d.steps()[0]).isEqualTo(200L);
    assertThat(d.steps()[d.size() - 1]).isEqualTo(500L);
    assertThat(d.total()).isEqualTo(29);
  }

  @Test
  void deltaReadsGiveOnlyTheNewPoints() {
    ScalarColumn c = column(new long[] {1, 2, 3}, new double[] {1, 2, 3});
    long v = c.version();
    c.append(new long[] {4, 5}, new double[] {0, 0}, new double[] {4, 5}, 0, 2);
    ScalarSeries delta = ScalarReads.read(c, c.stats(), ScalarQuery.since(v), 0, (a, b, s) -> c.scan(a, b, s));
    assertThat(delta.delta()).isTrue();
    assertThat(delta.steps()).containsExactly(4, 5);
    ScalarSeries stale =
        ScalarReads.read(c, c.stats(), ScalarQuery.since(Series.versionOf(7, 1)), 0, (a, b, s) -> c.scan(a, b, s));
    assertThat(stale.delta()).isFalse();
    assertThat(stale.steps()).containsExactly(1, 2, 3, 4, 5);
  }

  // -- the same buckets over columns in memory (PointSelection), with a second line -------------

  @Test
  void selectionsOverArraysPickTheSamePointsAsTheIndex() {
    Random random = new Random(7);
    for (int trial = 0; trial < 30; trial++) {
      int n = 1 + random.nextInt(5_000);
      long[] steps = new long[n];
      double[] walls = new double[n];
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        steps[i] = random.nextInt(10) == 0 ? random.nextInt(n) : i; // some out of order, some duplicate
        walls[i] = 1000 + i;
        values[i] = random.nextInt(30) == 0 ? Double.NaN : random.nextGaussian();
      }
      ScalarColumn c = new ScalarColumn("r", "t", "scalars", 0);
      c.append(steps, walls, values, 0, n);
      int columns = 1 + random.nextInt(300);
      double from = random.nextBoolean() ? Double.NaN : random.nextInt(n);
      double to = Double.isNaN(from) ? Double.NaN : from + random.nextInt(n);
      ScalarSeries indexed = m4(c, columns, from, to);
      PointSelection selected = PointSelection.m4(XAxis.STEP, 0, steps, walls, values, null, from, to, columns);
      assertThat(gather(steps, selected.indices())).containsExactly(indexed.steps());
      assertThat(selected.total()).isEqualTo(indexed.total());
      assertThat(selected.downsampled()).isEqualTo(indexed.downsampled());

      ScalarSeries ranged = ScalarReads.read(c, c.stats(), new ScalarQuery(XAxis.STEP, from, to, 0, -1), 0,
          (a, b, sink) -> c.scan(a, b, sink));
      PointSelection range = PointSelection.range(XAxis.STEP, 0, steps, walls, values, from, to);
      assertThat(gather(steps, range.indices())).containsExactly(ranged.steps());
    }
  }

  @Test
  void withASecondLineBothLinesKeepTheirPixels() {
    Random random = new Random(8);
    for (int trial = 0; trial < 40; trial++) {
      int n = 2 + random.nextInt(20_000);
      long[] steps = new long[n];
      double[] walls = new double[n];
      double[] raw = new double[n];
      double[] smooth = new double[n];
      double s = 0;
      for (int i = 0; i < n; i++) {
        steps[i] = i * 3L;
        walls[i] = i;
        raw[i] = random.nextGaussian() * (random.nextInt(200) == 0 ? 50 : 1);
        s = 0.9 * s + 0.1 * raw[i];
        smooth[i] = s + (random.nextInt(300) == 0 ? 20 : 0); // spikes of its own
      }
      int columns = 1 + random.nextInt(400);
      PointSelection d = PointSelection.m4(XAxis.STEP, 0, steps, walls, raw, smooth, Double.NaN, Double.NaN, columns);
      assertThat(d.indices().length).isLessThanOrEqualTo(6 * columns);
      long[] xs = gather(steps, d.indices());
      for (int i = 1; i < xs.length; i++) {
        assertThat(xs[i]).isGreaterThanOrEqualTo(xs[i - 1]);
      }
      double lo = steps[0];
      double hi = steps[n - 1];
      for (double[] line : new double[][] {raw, smooth}) {
        double[] kept = new double[d.indices().length];
        for (int i = 0; i < kept.length; i++) {
          kept[i] = line[d.indices()[i]];
        }
        double[][] expected = raster(steps, line, columns, lo, hi);
        double[][] actual = raster(xs, kept, columns, lo, hi);
        for (int col = 0; col < columns; col++) {
          assertThat(actual[0][col]).isCloseTo(expected[0][col], org.assertj.core.data.Offset.offset(1e-9));
          assertThat(actual[1][col]).isCloseTo(expected[1][col], org.assertj.core.data.Offset.offset(1e-9));
        }
      }
    }
  }

  private static long[] gather(long[] steps, int[] indices) {
    long[] out = new long[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = steps[indices[i]];
    }
    return out;
  }
}
