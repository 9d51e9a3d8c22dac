package dev.runboard.plugin.histograms;

import dev.runboard.data.HistogramValue;
import dev.runboard.data.PluginNames;
import dev.runboard.data.TensorDatum;
import dev.runboard.data.TensorSeries;
import dev.runboard.data.routes.PluginRoutes;
import dev.runboard.data.routes.Route;
import dev.runboard.data.routes.RouteRequest;
import dev.runboard.data.routes.RouteResponse;
import dev.runboard.data.routes.SeriesParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code GET /api/v1/histograms?run=R&tag=T[&steps=K]}: {@code {"run", "tag", "total",
 * "downsampled", "histograms": [{"step", "wall_time", "min", "max", "num", "sum", "sum_squares",
 * "bucket_limit", "bucket"}, ...]}}, with TensorBoard's {@code HistogramProto} field names, and
 * {@code "estimated": ["sum", "sum_squares"]} on histograms whose statistics were derived from
 * the buckets (TensorFlow 2's histogram tensors).
 */
public final class HistogramsRoutes implements PluginRoutes {
  @Override
  public String pluginName() {
    return PluginNames.HISTOGRAMS;
  }

  @Override
  public List<Route> routes() {
    return List.of(new Route(
        "histograms", "The histograms of one run and tag, per step (TensorBoard's HistogramProto fields)",
        SeriesParameters.parameters(), HistogramsRoutes::histograms));
  }

  static RouteResponse histograms(RouteRequest request) {
    TensorSeries read = SeriesParameters.tensors(request, PluginNames.HISTOGRAMS);
    List<Map<String, Object>> histograms = new ArrayList<>(read.data().size());
    for (TensorDatum d : read.data()) {
      if (d.value() instanceof HistogramValue h) {
        histograms.add(json(d.step(), d.wallTime(), h));
      }
    }
    return RouteResponse.json(SeriesParameters.envelope(read, "histograms", histograms));
  }

  private static Map<String, Object> json(long step, double wallTime, HistogramValue h) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("step", step);
    o.put("wall_time", wallTime);
    o.put("min", h.min());
    o.put("max", h.max());
    o.put("num", h.num());
    o.put("sum", h.sum());
    o.put("sum_squares", h.sumSquares());
    o.put("bucket_limit", h.bucketLimits());
    o.put("bucket", h.buckets());
    if (!h.estimated().isEmpty()) {
      o.put("estimated", List.copyOf(new TreeSet<>(h.estimated())));
    }
    return o;
  }
}
