package dev.runboard.data.routes;

import java.util.Objects;

/**
 * A query parameter of a route, as the OpenAPI document describes it.
 *
 * @param type the OpenAPI type: {@code string}, {@code integer}, {@code number} or {@code boolean}
 */
public record RouteParameter(String name, String type, boolean required, String description) {
  public RouteParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
  }

  public static RouteParameter required(String name, String type, String description) {
    return new RouteParameter(name, type, true, description);
  }

  public static RouteParameter optional(String name, String type, String description) {
    return new RouteParameter(name, type, false, description);
  }
}
