package dev.runboard.data.routes;

import java.util.Map;
import java.util.Objects;

/** A route's answer: a value the service serialises as JSON, or bytes sent as they are. */
public sealed interface RouteResponse {
  /**
   * A JSON answer: records, maps, lists, strings, numbers and booleans (record components named
   * in snake_case with {@code @JsonProperty} where the wire name differs).
   */
  record Json(Object body) implements RouteResponse {
    public Json {
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * Bytes with their media type and extra headers (caching, {@code Content-Disposition}). The
   * service adds {@code X-Content-Type-Options: nosniff} to every answer.
   */
  record Bytes(String mediaType, byte[] body, Map<String, String> headers) implements RouteResponse {
    public Bytes {
      Objects.requireNonNull(mediaType, "mediaType");
      Objects.requireNonNull(body, "body");
      headers = Map.copyOf(headers);
    }
  }

  static RouteResponse json(Object body) {
    return new Json(body);
  }
}
