package dev.runboard.plugins;

import dev.runboard.data.routes.Route;
import dev.runboard.data.routes.RouteParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 document of {@code /api/v1}: the service's own endpoints, and every plugin's
 * routes as their {@link Route} records describe them (so a new plugin documents itself).
 */
final class OpenApiDocument {
  private OpenApiDocument() {}

  static Map<String, Object> of(PluginRouteCatalog catalog) {
    Map<String, Object> paths = new LinkedHashMap<>();
    service(paths);
    for (PluginRouteCatalog.Entry entry : catalog.entries()) {
      Route route = entry.route();
      paths.put("/api/v1/" + route.path(), get(route.summary(), entry.pluginName(), route.parameters()));
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("openapi", "3.1.0");
    document.put("info", Map.of(
        "title", "Runboard API",
        "version", "1",
        "description", "Runs, scalars, the live stream and every dashboard plugin's data. Errors are RFC 9457 "
            + "problem documents (application/problem+json)."));
    document.put("paths", paths);
    return document;
  }

  /** The endpoints the service itself serves (the plugins' are added from their routes). */
  private static void service(Map<String, Object> paths) {
    paths.put("/api/v1/runs", get("Every run, sorted by name, with its tags by plugin", "runs", List.of()));
    paths.put("/api/v1/scalars", get("The points of one scalar series, optionally downsampled with M4", "scalars", List.of(
        RouteParameter.required("run", "string", "the run's name"),
        RouteParameter.required("tag", "string", "the tag"),
        RouteParameter.optional("points", "integer", "downsample to this many pixel columns (1-20000)"),
        RouteParameter.optional("x", "string", "step, relative or wall: the axis of from, to and the columns"),
        RouteParameter.optional("from", "number", "smallest x"),
        RouteParameter.optional("to", "number", "largest x"))));
    paths.put("/api/v1/status", get("Loading progress and the most recent problems with log files", "status", List.of()));
    paths.put("/api/v1/stream", get("Server-Sent Events: new runs and new scalar points", "stream", List.of(
        RouteParameter.optional("run", "string", "a regular expression found in the run's name"),
        RouteParameter.optional("tag", "string", "a regular expression found in the tag"))));
    paths.put("/api/v1/openapi.json", get("This document", "openapi", List.of()));
  }

  private static Map<String, Object> get(String summary, String tag, List<RouteParameter> parameters) {
    List<Map<String, Object>> params = new ArrayList<>();
    for (RouteParameter p : parameters) {
      Map<String, Object> param = new LinkedHashMap<>();
      param.put("name", p.name());
      param.put("in", "query");
      param.put("required", p.required());
      param.put("description", p.description());
      param.put("schema", Map.of("type", p.type()));
      params.add(param);
    }
    Map<String, Object> problem = Map.of(
        "content", Map.of("application/problem+json", Map.of("schema", Map.of("type", "object"))));
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put("200", Map.of("description", "OK"));
    if (!parameters.isEmpty()) {
      responses.put("400", merge(Map.of("description", "A parameter is missing or bad; the problem names it"), problem));
      responses.put("404", merge(Map.of("description", "No such run, tag or item"), problem));
    }
    Map<String, Object> operation = new LinkedHashMap<>();
    operation.put("summary", summary);
    operation.put("tags", List.of(tag));
    operation.put("parameters", params);
    operation.put("responses", responses);
    return Map.of("get", operation);
  }

  private static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
    Map<String, Object> m = new LinkedHashMap<>(a);
    m.putAll(b);
    return m;
  }
}
