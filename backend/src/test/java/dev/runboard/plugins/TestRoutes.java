package dev.runboard.plugins;

import dev.runboard.data.routes.PluginRoutes;
import dev.runboard.data.routes.Route;
import dev.runboard.data.routes.RouteException;
import dev.runboard.data.routes.RouteParameter;
import dev.runboard.data.routes.RouteResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A plugin that exists only in the tests, to prove plugin routes need no service code. */
public final class TestRoutes implements PluginRoutes {
  @Override
  public String pluginName() {
    return "test-plugin";
  }

  @Override
  public List<Route> routes() {
    return List.of(
        new Route("test-plugin/runs", "How many runs there are",
            List.of(RouteParameter.optional("times", "integer", "a multiplier")),
            request -> RouteResponse.json(Map.of(
                "runs", request.data().listRuns().size() * request.intParameter("times", 1, 1, 10)))),
        new Route("test-plugin/bytes", "Bytes", List.of(),
            request -> new RouteResponse.Bytes("text/plain", "raw".getBytes(StandardCharsets.UTF_8),
                Map.of("Cache-Control", "max-age=31536000, immutable"))),
        new Route("test-plugin/missing", "Always 404", List.of(),
            request -> {
              throw RouteException.notFound("no such thing as " + request.require("what"));
            }),
        new Route("test-plugin/broken", "Always fails", List.of(),
            request -> {
              throw new IllegalStateException("secret internal detail");
            }));
  }
}
