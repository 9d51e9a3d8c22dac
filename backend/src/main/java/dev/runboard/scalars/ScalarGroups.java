package dev.runboard.scalars;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.runboard.data.DataClass;
import dev.runboard.data.DataProvider;
import dev.runboard.data.RunInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs aggregated by group on a common x-grid: the x-range is cut into N columns; in each column
 * a run contributes the mean of its points there, or, where it has data around the column but no
 * point in it, its line's value at the column's centre (linear between its neighbours). Runs of
 * different lengths therefore contribute where they have data, and {@code count} says how many
 * did. Each group gets the mean and a band (± standard deviation, or min–max) per column.
 * Smoothing and the purge rule apply to each run before aggregation.
 */
final class ScalarGroups {
  static final int DEFAULT_POINTS = 1000;

  private final DataProvider data;
  private final ScalarReader reader;

  ScalarGroups(DataProvider data, ScalarReader reader) {
    this.data = data;
    this.reader = reader;
  }

  /** One group: its runs and, per column where any of them has data, the aggregate. */
  record GroupJson(
      String name,
      List<String> runs,
      double[] x,
      double[] mean,
      double[] lower,
      double[] upper,
      int[] count) {}

  record GroupsJson(
      String tag,
      @JsonProperty("group_by") String groupBy,
      String band,
      @JsonProperty("x_axis") String xAxis,
      double from,
      double to,
      int points,
      List<GroupJson> groups,
      List<String> ungrouped) {}

  /**
   * @param runs the runs to consider, or null for every run with the tag
   * @param params points (N), axis, range, smoothing and restarts; points 0 means the default
   */
  GroupsJson compute(String tag, RunGrouping grouping, Band band, Set<String> runs, ScalarParams params) {
    int columns = params.points() > 0 ? params.points() : DEFAULT_POINTS;
    Map<String, List<RunInfo>> byKey = new TreeMap<>();
    List<String> ungrouped = new ArrayList<>();
    for (RunInfo run : data.listRuns()) {
      if ((runs != null && !runs.contains(run.name())) || !run.tags(DataClass.SCALARS, null).contains(tag)) {
        continue;
      }
      String key = grouping.keyOf(run);
      if (key == null) {
        ungrouped.add(run.name());
      } else {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
      }
    }
    // Read every member once, on the requested axis.
    Map<String, Line> lines = new LinkedHashMap<>();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (List<RunInfo> members : byKey.values()) {
      for (RunInfo run : members) {
        ScalarReader.FullSeries full = reader.full(run, tag, params);
        Line line = Line.of(ScalarReader.x(params.axis(), run.firstWallTime(), full.steps(), full.walls()), full.shown());
        lines.put(run.name(), line);
        if (line.size() > 0) {
          min = Math.min(min, line.x[0]);
          max = Math.max(max, line.x[line.size() - 1]);
        }
      }
    }
    double from = Double.isNaN(params.from()) ? min : params.from();
    double to = Double.isNaN(params.to()) ? max : params.to();
    List<GroupJson> groups = new ArrayList<>();
    if (from <= to) {
      for (Map.Entry<String, List<RunInfo>> group : byKey.entrySet()) {
        groups.add(aggregate(group.getKey(), group.getValue(), lines, from, to, columns, band));
      }
    }
    return new GroupsJson(tag, grouping.text(), band.name().toLowerCase(Locale.ROOT),
        params.axis().name().toLowerCase(Locale.ROOT), from <= to ? from : Double.NaN, from <= to ? to : Double.NaN,
        columns, groups, ungrouped);
  }

  private static GroupJson aggregate(
      String name, List<RunInfo> members, Map<String, Line> lines, double from, double to, int columns, Band band) {
    int[] count = new int[columns];
    double[] mean = new double[columns];
    double[] m2 = new double[columns];
    double[] lo = new double[columns];
    double[] hi = new double[columns];
    Arrays.fill(lo, Double.POSITIVE_INFINITY);
    Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    double[] perRun = new double[columns];
    List<String> names = new ArrayList<>();
    for (RunInfo run : members) {
      names.add(run.name());
      Line line = lines.get(run.name());
      if (!line.columnValues(from, to, columns, perRun)) {
        continue;
      }
      for (int c = 0; c < columns; c++) {
        double v = perRun[c];
        if (v != v) {
          continue;
        }
        // Welford's update: stable for values far from zero.
        int n = ++count[c];
        double delta = v - mean[c];
        mean[c] += delta / n;
        m2[c] += delta * (v - mean[c]);
        lo[c] = Math.min(lo[c], v);
        hi[c] = Math.max(hi[c], v);
      }
    }
    int kept = 0;
    for (int c = 0; c < columns; c++) {
      kept += count[c] > 0 ? 1 : 0;
    }
    double[] x = new double[kept];
    double[] outMean = new double[kept];
    double[] lower = new double[kept];
    double[] upper = new double[kept];
    int[] outCount = new int[kept];
    double width = (to - from) / columns;
    int k = 0;
    for (int c = 0; c < columns; c++) {
      if (count[c] == 0) {
        continue;
      }
      x[k] = to > from ? from + (c + 0.5) * width : from;
      outMean[k] = mean[c];
      if (band == Band.STD) {
        double std = Math.sqrt(m2[c] / count[c]);
        lower[k] = mean[c] - std;
        upper[k] = mean[c] + std;
      } else {
        lower[k] = lo[c];
        upper[k] = hi[c];
      }
      outCount[k] = count[c];
      k++;
    }
    return new GroupJson(name, names, x, outMean, lower, upper, outCount);
  }

  /** A run's finite points sorted by x. */
  static final class Line {
    final double[] x;
    final double[] y;

    private Line(double[] x, double[] y) {
      this.x = x;
      this.y = y;
    }

    static Line of(double[] x, double[] values) {
      int n = 0;
      for (int i = 0; i < x.length; i++) {
        n += Double.isFinite(values[i]) && Double.isFinite(x[i]) ? 1 : 0;
      }
      double[] xs = new double[n];
      double[] ys = new double[n];
      boolean sorted = true;
      int k = 0;
      for (int i = 0; i < x.length; i++) {
        if (Double.isFinite(values[i]) && Double.isFinite(x[i])) {
          xs[k] = x[i];
          ys[k] = values[i];
          sorted &= k == 0 || xs[k] >= xs[k - 1];
          k++;
        }
      }
      if (!sorted) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
          order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(xs[a], xs[b]));
        double[] sx = new double[n];
        double[] sy = new double[n];
        for (int i = 0; i < n; i++) {
          sx[i] = xs[order[i]];
          sy[i] = ys[order[i]];
        }
        return new Line(sx, sy);
      }
      return new Line(xs, ys);
    }

    int size() {
      return x.length;
    }

    /**
     * The run's value per column (NaN where it has no data); false when it has none in the range.
     * A column with points gets their mean; one without, inside the run's x-span, the line's value
     * at its centre.
     */
    boolean columnValues(double from, double to, int columns, double[] out) {
      Arrays.fill(out, Double.NaN);
      if (x.length == 0 || x[x.length - 1] < from || x[0] > to) {
        return false;
      }
      double scale = to > from ? columns / (to - from) : 0;
      double[] sum = new double[columns];
      int[] n = new int[columns];
      for (int i = 0; i < x.length; i++) {
        if (x[i] < from || x[i] > to) {
          continue;
        }
        int c = Math.min(columns - 1, (int) ((x[i] - from) * scale));
        sum[c] += y[i];
        n[c]++;
      }
      double width = to > from ? (to - from) / columns : 0;
      int next = 0; // first point with x >= the column's centre
      for (int c = 0; c < columns; c++) {
        if (n[c] > 0) {
          out[c] = sum[c] / n[c];
          continue;
        }
        double centre = from + (c + 0.5) * width;
        while (next < x.length && x[next] < centre) {
          next++;
        }
        if (next > 0 && next < x.length) {
          double x0 = x[next - 1];
          double x1 = x[next];
          out[c] = x1 == x0 ? y[next] : y[next - 1] + (y[next] - y[next - 1]) * (centre - x0) / (x1 - x0);
        }
      }
      return true;
    }
  }
}
