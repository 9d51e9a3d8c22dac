package dev.runboard.plugin.distributions;

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

/**
 * {@code GET /api/v1/distributions?run=R&tag=T[&steps=K]}: {@code {"run", "tag", "total",
 * "downsampled", "basis_points": [0, 668, ..., 10000], "distributions": [{"step", "wall_time",
 * "values": [9 numbers]}, ...]}}, the values at the basis points computed from each step's
 * histogram ({@link CompressedHistogram}).
 */
public final class DistributionsRoutes implements PluginRoutes {
  @Override
  public String pluginName() {
    return "distributions";
  }

  @Override
  public List<Route> routes() {
    return List.of(new Route(
        "distributions",
        "Per step of a histogram tag, the values at TensorBoard's nine basis points (min, -1.5σ .. +1.5σ, max)",
        SeriesParameters.parameters(), DistributionsRoutes::distributions));
  }

  static RouteResponse distributions(RouteRequest request) {
    TensorSeries read = SeriesParameters.tensors(request, PluginNames.HISTOGRAMS);
    List<Map<String, Object>> steps = new ArrayList<>(read.data().size());
    for (TensorDatum d : read.data()) {
      if (d.value() instanceof HistogramValue h) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("step", d.step());
        o.put("wall_time", d.wallTime());
        o.put("values", CompressedHistogram.of(h));
        steps.add(o);
      }
    }
    Map<String, Object> body = SeriesParameters.envelope(read, "distributions", steps);
    body.put("basis_points", CompressedHistogram.BASIS_POINTS);
    return RouteResponse.json(body);
  }
}
