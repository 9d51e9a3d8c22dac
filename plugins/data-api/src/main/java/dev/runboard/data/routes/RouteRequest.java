package dev.runboard.data.routes;

import dev.runboard.data.DataProvider;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a route handler gets: the data, and the request's query parameters and headers. */
public interface RouteRequest {
  DataProvider data();

  /** Every value of a query parameter, in order; empty when absent. */
  List<String> parameters(String name);

  /**
   * The names of the query parameters sent, for routes whose parameters are named after data
   * ({@code hparam.<name>=...}); empty when the service cannot tell.
   */
  default Set<String> parameterNames() {
    return Set.of();
  }

  /** The first value of a header, if sent. */
  Optional<String> header(String name);

  /** The first value of a query parameter, if given. */
  default Optional<String> parameter(String name) {
    List<String> values = parameters(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** A query parameter that must be given: a 400 naming it otherwise. */
  default String require(String name) {
    return parameter(name).orElseThrow(
        () -> RouteException.badRequest(name, "is required"));
  }

  /** An integer parameter within bounds, or the default when absent: a 400 naming it otherwise. */
  default int intParameter(String name, int defaultValue, int min, int max) {
    Optional<String> text = parameter(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(text.get().trim());
    } catch (NumberFormatException e) {
      throw RouteException.badRequest(name, "is not an integer: '" + text.get() + "'");
    }
    if (value < min || value > max) {
      throw RouteException.badRequest(name, "must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }
}
