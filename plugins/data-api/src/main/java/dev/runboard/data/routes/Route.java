package dev.runboard.data.routes;

import java.util.List;
import java.util.Objects;

/**
 * One {@code GET} route.
 *
 * @param path below {@code /api/v1/}, e.g. {@code histograms} or {@code images/blob}: lower-case
 *     letters, digits, '-', '_' and '/'
 * @param summary one line for the OpenAPI document
 * @param parameters the query parameters it reads, for the OpenAPI document
 */
public record Route(String path, String summary, List<RouteParameter> parameters, RouteHandler handler) {
  public Route {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(handler, "handler");
    if (!path.matches("[a-z0-9_-]+(/[a-z0-9_-]+)*")) {
      throw new IllegalArgumentException("route path must be lower-case segments separated by '/': " + path);
    }
    parameters = List.copyOf(parameters);
  }
}
