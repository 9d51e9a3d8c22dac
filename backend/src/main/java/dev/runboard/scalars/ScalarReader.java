package dev.runboard.scalars;

import dev.runboard.data.DataClass;
import dev.runboard.data.DataProvider;
import dev.runboard.data.RunInfo;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.ScalarQuery;
import dev.runboard.data.ScalarSeries;
import dev.runboard.data.ValueTransform;
import dev.runboard.data.XAxis;
import dev.runboard.index.PointSelection;
import dev.runboard.web.NotFoundException;
import java.util.List;

/**
 * Answers one scalar read with the optional parameters: ranges and M4 go straight to the index,
 * and so does a downsampled read smoothed by a running smoothing (the EMA) without the purge
 * rule: the index smooths while it scans. Otherwise smoothing and the purge rule need the full
 * series, so it is read at full resolution through the same {@link DataProvider}, purged,
 * smoothed, and only then ranged and bucketed.
 */
final class ScalarReader {
  private final DataProvider data;

  ScalarReader(DataProvider data) {
    this.data = data;
  }

  /** @throws NotFoundException for an unknown run or tag */
  ScalarsJson read(String run, String tag, ScalarParams params) {
    RunInfo info = run(run);
    requireTag(info, tag);
    List<Restarts.Boundary> restarts = Restarts.of(info);
    // Without a restart the purge rule drops nothing, and a running smoothing is computed while
    // the index scans and buckets: then the index answers alone, and the series is never copied.
    boolean purges = params.restarts() == RestartMode.LATEST && !restarts.isEmpty();
    ValueTransform streaming = params.smoothing() == null ? null : params.smoothing().streaming();
    if (!purges && (params.smoothing() == null || (streaming != null && params.points() > 0))) {
      ScalarSeries series = readOne(run, tag,
          new ScalarQuery(params.axis(), params.from(), params.to(), params.points(), -1, streaming));
      return new ScalarsJson(
          run, tag, series.steps(), series.wallTimes(), series.values(), series.second(), series.version(),
          series.total(), series.downsampled(), restarts, firstWall(info));
    }
    FullSeries full = full(info, tag, params);
    PointSelection selection;
    if (params.points() > 0) {
      selection = PointSelection.m4(params.axis(), info.firstWallTime(), full.steps, full.walls, full.values,
          full.smoothed, params.from(), params.to(), params.points());
    } else if (!Double.isNaN(params.from()) || !Double.isNaN(params.to())) {
      selection = PointSelection.range(params.axis(), info.firstWallTime(), full.steps, full.walls, full.values,
          params.from(), params.to());
    } else {
      selection = PointSelection.all(full.steps.length);
    }
    int[] kept = selection.indices();
    long[] steps = new long[kept.length];
    double[] walls = new double[kept.length];
    double[] values = new double[kept.length];
    double[] smoothed = full.smoothed == null ? null : new double[kept.length];
    for (int i = 0; i < kept.length; i++) {
      int k = kept[i];
      steps[i] = full.steps[k];
      walls[i] = full.walls[k];
      values[i] = full.values[k];
      if (smoothed != null) {
        smoothed[i] = full.smoothed[k];
      }
    }
    return new ScalarsJson(run, tag, steps, walls, values, smoothed, full.version, selection.total(),
        selection.downsampled(), restarts, firstWall(info));
  }

  /** A series at full resolution after the purge rule and smoothing: what groups aggregate. */
  record FullSeries(long version, long[] steps, double[] walls, double[] values, double[] smoothed) {
    /** The values to draw: smoothed when smoothing was asked for. */
    double[] shown() {
      return smoothed != null ? smoothed : values;
    }
  }

  FullSeries full(RunInfo info, String tag, ScalarParams params) {
    ScalarSeries series = readOne(info.name(), tag, ScalarQuery.full());
    long[] steps = series.steps();
    double[] walls = series.wallTimes();
    double[] values = series.values();
    if (params.restarts() == RestartMode.LATEST) {
      int[] survivors = Restarts.survivors(info.sessions(), steps, walls);
      if (survivors != null) {
        long[] s = new long[survivors.length];
        double[] w = new double[survivors.length];
        double[] v = new double[survivors.length];
        for (int i = 0; i < survivors.length; i++) {
          s[i] = steps[survivors[i]];
          w[i] = walls[survivors[i]];
          v[i] = values[survivors[i]];
        }
        steps = s;
        walls = w;
        values = v;
      }
    }
    double[] smoothed = null;
    if (params.smoothing() != null) {
      smoothed = params.smoothing().apply(x(params.axis(), info.firstWallTime(), steps, walls), values);
    }
    return new FullSeries(series.version(), steps, walls, values, smoothed);
  }

  /** Each point's x on an axis (relative: seconds since the run's first event). */
  static double[] x(XAxis axis, double firstWall, long[] steps, double[] walls) {
    double[] x = new double[steps.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = switch (axis) {
        case STEP -> steps[i];
        case WALL -> walls[i];
        case RELATIVE -> walls[i] - firstWall;
      };
    }
    return x;
  }

  RunInfo run(String run) {
    return data.run(run).orElseThrow(() -> new NotFoundException("unknown run '" + run + "'"));
  }

  static void requireTag(RunInfo info, String tag) {
    if (!info.tags(DataClass.SCALARS, null).contains(tag)) {
      throw new NotFoundException("run '" + info.name() + "' has no scalar tag '" + tag + "'"
          + (info.loaded() ? "" : " (the run is still loading)"));
    }
  }

  private ScalarSeries readOne(String run, String tag, ScalarQuery query) {
    List<ScalarSeries> read = data.readScalars(RunTagFilter.one(run, tag), query);
    if (read.isEmpty()) {
      throw new NotFoundException("run '" + run + "' has no scalar tag '" + tag + "'");
    }
    return read.get(0);
  }

  private static Double firstWall(RunInfo info) {
    return Double.isNaN(info.firstWallTime()) ? null : info.firstWallTime();
  }
}
