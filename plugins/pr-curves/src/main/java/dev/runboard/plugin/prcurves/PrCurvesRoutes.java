package dev.runboard.plugin.prcurves;

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
 * {@code GET /api/v1/pr_curves?run=R&tag=T[&steps=K]}: {@code {"run", "tag", "total",
 * "downsampled", "pr_curves": [{"step", "wall_time", "thresholds", "true_positives",
 * "false_positives", "true_negatives", "false_negatives", "precision", "recall"}, ...]}}, the
 * names of TensorBoard's PR-curve API.
 */
public final class PrCurvesRoutes implements PluginRoutes {
  @Override
  public String pluginName() {
    return PluginNames.PR_CURVES;
  }

  @Override
  public List<Route> routes() {
    return List.of(new Route("pr_curves",
        "The PR curves of one run and tag, per step: thresholds and the six rows of TensorBoard's pr_curves tensor",
        SeriesParameters.parameters(), PrCurvesRoutes::prCurves));
  }

  static RouteResponse prCurves(RouteRequest request) {
    TensorSeries read = SeriesParameters.tensors(request, PluginNames.PR_CURVES);
    List<Map<String, Object>> curves = new ArrayList<>(read.data().size());
    for (TensorDatum d : read.data()) {
      PrCurve.of(d).ifPresent(c -> {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("step", c.step());
        o.put("wall_time", c.wallTime());
        o.put("thresholds", c.thresholds());
        o.put("true_positives", c.truePositives());
        o.put("false_positives", c.falsePositives());
        o.put("true_negatives", c.trueNegatives());
        o.put("false_negatives", c.falseNegatives());
        o.put("precision", c.precision());
        o.put("recall", c.recall());
        curves.add(o);
      });
    }
    return RouteResponse.json(SeriesParameters.envelope(read, "pr_curves", curves));
  }
}
