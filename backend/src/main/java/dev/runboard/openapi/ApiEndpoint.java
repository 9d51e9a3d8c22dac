package dev.runboard.openapi;

import dev.runboard.data.routes.RouteParameter;
import java.util.List;

/**
 * An endpoint served outside Spring MVC (a plain servlet, such as the event stream), declared as a
 * bean so that the OpenAPI document lists it beside the mapped ones. Anything else that is not a
 * Spring mapping or a plugin route is added to the document the same way.
 *
 * @param path the full path, below {@code /api/}
 * @param method the HTTP method, lower case
 * @param summary one line on what it answers
 * @param parameters its query parameters
 * @param produces the media types it answers with
 */
public record ApiEndpoint(String path, String method, String summary, List<RouteParameter> parameters, List<String> produces) {
  public ApiEndpoint {
    parameters = List.copyOf(parameters);
    produces = List.copyOf(produces);
  }
}
