package dev.runboard.plugin.graph;

import dev.runboard.data.PluginNames;
import dev.runboard.data.routes.PluginRoutes;
import dev.runboard.data.routes.Route;
import dev.runboard.data.routes.RouteException;
import dev.runboard.data.routes.RouteParameter;
import dev.runboard.data.routes.RouteRequest;
import dev.runboard.data.routes.RouteResponse;
import java.util.List;

/**
 * {@code GET /api/v1/graph?run=R}: the run's model graph with its name scopes ({@link
 * GraphDocument}); 404 when the run has none, 422 when its graph cannot be read.
 */
public final class GraphRoutes implements PluginRoutes {
  @Override
  public String pluginName() {
    return PluginNames.GRAPHS;
  }

  @Override
  public List<Route> routes() {
    return List.of(new Route(
        "graph",
        "A run's model graph: nodes (op, inputs, device, attributes, output shape, parameters) and name scopes",
        List.of(RouteParameter.required("run", "string", "the run")),
        GraphRoutes::graph));
  }

  private static RouteResponse graph(RouteRequest request) {
    String run = request.require("run");
    try {
      return RouteResponse.json(RunGraphs.read(request.data(), run).orElseThrow(() -> RouteException.notFound(
          request.data().run(run).isPresent()
              ? "run '" + run + "' has no graph"
              : "no run named '" + run + "'")));
    } catch (GraphUnreadableException e) {
      throw new RouteException(422, e.getMessage(), null);
    }
  }
}
