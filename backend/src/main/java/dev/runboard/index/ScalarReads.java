package dev.runboard.index;

import dev.runboard.data.ScalarQuery;
import dev.runboard.data.ScalarSeries;
import dev.runboard.data.ValueTransform;
import dev.runboard.data.XAxis;

/**
 * Answers a {@link ScalarQuery} for one series: a full or delta read in logged order, a range in
 * logged order with the nearest point outside on each side, or an M4 downsampling of a range.
 * Works the same whether the points come from memory or from the files.
 */
final class ScalarReads {
  private ScalarReads() {}

  /**
   * @param stats the series' statistics, read before the points: the read covers exactly the
   *     {@code stats.count()} points they describe, whatever is appended meanwhile
   * @param runFirstWall the run's first wall time, for the relative axis
   */
  static ScalarSeries read(
      ScalarColumn column, ScalarColumn.Stats stats, ScalarQuery query, double runFirstWall,
      PointSource source) {
    long count = stats.count();
    long generation = column.generation();
    if (query.sinceVersion() >= 0) {
      long since = query.sinceVersion();
      boolean delta = Series.generationOf(since) == generation && Series.countOf(since) <= count;
      long from = delta ? Series.countOf(since) : 0;
      return copy(column, source, from, count, generation, delta);
    }
    boolean unbounded = Double.isNaN(query.from()) && Double.isNaN(query.to());
    if (query.columns() == 0 && unbounded) {
      return copy(column, source, 0, count, generation, false);
    }
    XMapper mapper = new XMapper(query.axis(), runFirstWall);
    double from = Double.isNaN(query.from()) ? mapper.min(stats) : query.from();
    double to = Double.isNaN(query.to()) ? mapper.max(stats) : query.to();
    long lo = 0;
    long hi = count;
    boolean sorted = query.axis() == XAxis.STEP ? stats.stepsSorted() : stats.wallsSorted();
    if (sorted && column.isResident()) {
      double shift = query.axis() == XAxis.RELATIVE ? runFirstWall : 0;
      long first = query.axis() == XAxis.STEP
          ? column.firstIndexAtStep(from) : column.firstIndexAtWall(from + shift);
      long past = query.axis() == XAxis.STEP
          ? column.firstIndexAtStep(Math.nextUp(to)) : column.firstIndexAtWall(Math.nextUp(to + shift));
      if (first >= 0 && past >= 0) {
        lo = Math.max(0, first - 1); // the neighbour outside on the left
        hi = Math.min(count, past + 1); // and on the right
      }
    }
    long version = Series.versionOf(generation, count);
    if (query.columns() > 0) {
      ScalarSeries bucketed =
          query.transform() == null ? null : transformed(column, query, mapper, from, to, hi, version, source);
      if (bucketed != null) {
        return bucketed;
      }
      M4 m4 = new M4(mapper, from, to, query.columns());
      if (!sorted || column.bucketSorted(lo, hi, m4) < 0) {
        source.scan(lo, hi, m4);
      }
      Points kept = m4.result();
      double[] values = kept.values();
      return new ScalarSeries(
          column.run(), column.tag(), version, m4.total(), m4.keptInRange(kept.size()) < m4.total(), false,
          kept.steps(), kept.walls(), values, query.transform() == null ? null : values.clone());
    }
    RangeCollector range = new RangeCollector(mapper, from, to);
    source.scan(lo, hi, range);
    Points kept = range.result();
    return new ScalarSeries(
        column.run(), column.tag(), version, range.total(), false, false,
        kept.steps(), kept.walls(), kept.values());
  }

  /**
   * M4 of the values and of their transform, computed block by block as the points are scanned
   * from the first (the transform's state runs over every point before the range). Returns null
   * when the transform leaves the series unchanged (a constant series): the caller buckets the
   * values alone, as bucketing two equal lines would, and sends them as the second column.
   */
  private static ScalarSeries transformed(
      ScalarColumn column, ScalarQuery query, XMapper mapper, double from, double to, long hi, long version,
      PointSource source) {
    M4 m4 = new M4(mapper, from, to, query.columns(), true);
    ValueTransform.Running running = query.transform().start();
    double[][] buffers = {new double[0], new double[0]}; // x and transformed values, per block
    source.scan(0, hi, (steps, walls, values, n, firstIndex) -> {
      if (buffers[0].length < n) {
        buffers[0] = new double[n];
        buffers[1] = new double[n];
      }
      boolean sorted = mapper.fill(steps, walls, n, buffers[0]);
      running.next(buffers[0], values, buffers[1], n);
      m4.points(steps, walls, values, buffers[1], buffers[0], sorted, n, firstIndex);
    });
    if (running.unchanged()) {
      return null;
    }
    Points kept = m4.result();
    return new ScalarSeries(
        column.run(), column.tag(), version, m4.total(), m4.keptInRange(kept.size()) < m4.total(), false,
        kept.steps(), kept.walls(), kept.values(), m4.resultSeconds());
  }

  private static ScalarSeries copy(
      ScalarColumn column, PointSource source, long from, long to, long generation, boolean delta) {
    int n = Math.toIntExact(Math.max(0, to - from));
    long[] steps = new long[n];
    double[] walls = new double[n];
    double[] values = new double[n];
    source.scan(
        from,
        to,
        (s, w, v, k, firstIndex) -> {
          int at = (int) (firstIndex - from);
          System.arraycopy(s, 0, steps, at, k);
          System.arraycopy(w, 0, walls, at, k);
          System.arraycopy(v, 0, values, at, k);
        });
    return new ScalarSeries(
        column.run(), column.tag(), Series.versionOf(generation, to), n, false, delta,
        steps, walls, values);
  }
}
