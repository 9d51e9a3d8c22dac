package dev.runboard.data.routes;

/** Answers a request; throws {@link RouteException} for a 4xx answer. */
@FunctionalInterface
public interface RouteHandler {
  RouteResponse handle(RouteRequest request);
}
