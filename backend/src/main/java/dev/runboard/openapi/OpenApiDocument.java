package dev.runboard.openapi;

import dev.runboard.data.routes.RouteParameter;
import dev.runboard.plugins.PluginRouteCatalog;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

/**
 * Builds the OpenAPI 3.1 document of the HTTP API from what is actually served: the service's own
 * endpoints as Spring maps them (described by {@link ApiDoc} and {@link ApiParam}), and every
 * plugin's routes as the {@link PluginRouteCatalog} declares them. Nothing is listed by hand, so
 * a new endpoint or plugin route appears by itself.
 */
public final class OpenApiDocument {
  /** Only paths below this prefix are part of the API. */
  static final String API_PREFIX = "/api/";
  private static final Map<String, Object> PROBLEM_REF = Map.of("$ref", "#/components/schemas/Problem");

  private OpenApiDocument() {}

  /**
   * @param mappings the service's request mappings (Spring's handler methods)
   * @param catalog every plugin's routes
   * @param endpoints the endpoints served outside Spring MVC
   * @param version the application's version
   */
  public static Map<String, Object> build(
      Map<RequestMappingInfo, HandlerMethod> mappings, PluginRouteCatalog catalog, List<ApiEndpoint> endpoints,
      String version) {
    Map<String, Map<String, Object>> paths = new TreeMap<>();
    mappings.forEach((info, method) -> {
      for (String path : info.getPatternValues()) {
        if (!path.startsWith(API_PREFIX)) {
          continue;
        }
        List<String> verbs = new ArrayList<>();
        for (RequestMethod m : info.getMethodsCondition().getMethods()) {
          verbs.add(m.name().toLowerCase(Locale.ROOT));
        }
        if (verbs.isEmpty()) {
          verbs.add("get");
        }
        for (String verb : verbs) {
          paths.computeIfAbsent(path, p -> new TreeMap<>()).put(verb, serviceOperation(path, verb, method));
        }
      }
    });
    for (PluginRouteCatalog.Entry entry : catalog.entries()) {
      paths.computeIfAbsent("/api/v1/" + entry.route().path(), p -> new TreeMap<>())
          .put("get", operation("get", "/api/v1/" + entry.route().path(), entry.route().summary(), entry.pluginName(),
              entry.route().parameters(), List.of("application/json", "*/*")));
    }
    for (ApiEndpoint endpoint : endpoints) {
      paths.computeIfAbsent(endpoint.path(), p -> new TreeMap<>()).put(endpoint.method(), operation(endpoint.method(),
          endpoint.path(), endpoint.summary(), tagOf(endpoint.path()), endpoint.parameters(), endpoint.produces()));
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("openapi", "3.1.0");
    document.put("info", Map.of(
        "title", "Runboard API",
        "version", version,
        "description", "Runs, scalars and every plugin's data of a Runboard logdir. Errors are RFC 9457 problem"
            + " documents (application/problem+json) naming the parameter at fault."));
    document.put("paths", paths);
    document.put("components", Map.of("schemas", Map.of("Problem", problemSchema())));
    return document;
  }

  private static Map<String, Object> serviceOperation(String path, String verb, HandlerMethod method) {
    ApiDoc doc = method.getMethodAnnotation(ApiDoc.class);
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("operationId", verb + path.replaceAll("[^A-Za-z0-9]+", "_"));
    op.put("summary", doc != null ? doc.summary() : method.getMethod().getName());
    if (doc != null && !doc.description().isEmpty()) {
      op.put("description", doc.description());
    }
    op.put("tags", List.of(tagOf(path)));
    List<Map<String, Object>> parameters = new ArrayList<>();
    for (MethodParameter p : method.getMethodParameters()) {
      RequestParam query = p.getParameterAnnotation(RequestParam.class);
      PathVariable variable = p.getParameterAnnotation(PathVariable.class);
      if (query != null) {
        String name = !query.name().isEmpty() ? query.name() : parameterName(p);
        boolean required = query.required() && ValueConstants.DEFAULT_NONE.equals(query.defaultValue());
        parameters.add(parameter(name, "query", required, p.getParameterAnnotation(ApiParam.class), p.getParameterType()));
      } else if (variable != null) {
        String name = !variable.name().isEmpty() ? variable.name() : parameterName(p);
        parameters.add(parameter(name, "path", true, p.getParameterAnnotation(ApiParam.class), p.getParameterType()));
      } else if (p.hasParameterAnnotation(RequestBody.class)) {
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("schema", Map.of("type", "object"));
        if (doc != null && !doc.requestBody().isEmpty()) {
          media.put("example", doc.requestBody());
        }
        op.put("requestBody", Map.of("required", true, "content", Map.of("application/json", media)));
      }
    }
    if (!parameters.isEmpty()) {
      op.put("parameters", parameters);
    }
    Map<String, Object> content = new LinkedHashMap<>();
    for (String type : doc != null ? doc.produces() : new String[] {"application/json"}) {
      content.put(type, Map.of());
    }
    op.put("responses", responses(content));
    return op;
  }

  /** A plugin route (which answers JSON or bytes of a media type it chooses) or an endpoint outside Spring MVC. */
  private static Map<String, Object> operation(
      String verb, String path, String summary, String tag, List<RouteParameter> routeParameters, List<String> produces) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("operationId", verb + path.replaceAll("[^A-Za-z0-9]+", "_"));
    op.put("summary", summary);
    op.put("tags", List.of(tag));
    List<Map<String, Object>> parameters = new ArrayList<>();
    for (RouteParameter p : routeParameters) {
      Map<String, Object> param = new LinkedHashMap<>();
      param.put("name", p.name());
      param.put("in", "query");
      param.put("required", p.required());
      param.put("description", p.description());
      param.put("schema", Map.of("type", p.type()));
      parameters.add(param);
    }
    if (!parameters.isEmpty()) {
      op.put("parameters", parameters);
    }
    Map<String, Object> content = new LinkedHashMap<>();
    produces.forEach(type -> content.put(type, Map.of()));
    op.put("responses", responses(content));
    return op;
  }

  private static Map<String, Object> parameter(String name, String in, boolean required, ApiParam doc, Class<?> javaType) {
    Map<String, Object> param = new LinkedHashMap<>();
    param.put("name", name);
    param.put("in", in);
    param.put("required", required);
    if (doc != null) {
      param.put("description", doc.value());
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", doc != null ? doc.type() : typeOf(javaType));
    if (doc != null && doc.allowed().length > 0) {
      schema.put("enum", List.of(doc.allowed()));
    }
    param.put("schema", schema);
    return param;
  }

  private static Map<String, Object> responses(Map<String, Object> content) {
    Map<String, Object> problem = Map.of("application/problem+json", Map.of("schema", PROBLEM_REF));
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put("200", Map.of("description", "OK", "content", content));
    responses.put("400", Map.of("description", "A parameter is missing or malformed; the problem names it", "content", problem));
    responses.put("404", Map.of("description", "No such run, tag or resource", "content", problem));
    return responses;
  }

  private static Map<String, Object> problemSchema() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("type", Map.of("type", "string"));
    properties.put("title", Map.of("type", "string"));
    properties.put("status", Map.of("type", "integer"));
    properties.put("detail", Map.of("type", "string"));
    properties.put("instance", Map.of("type", "string"));
    properties.put("parameter", Map.of("type", "string", "description", "the parameter at fault, for a 400"));
    return Map.of("type", "object", "properties", properties);
  }

  private static String parameterName(MethodParameter p) {
    Parameter parameter = p.getParameter();
    return parameter.isNamePresent() ? parameter.getName() : "arg" + p.getParameterIndex();
  }

  private static String typeOf(Class<?> type) {
    if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
      return "integer";
    }
    if (type == double.class || type == float.class || type == Double.class || type == Float.class) {
      return "number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "boolean";
    }
    return "string";
  }

  /** Groups operations by the first path segment after the version: runs, scalars, status, ... */
  private static String tagOf(String path) {
    String[] parts = path.split("/");
    return parts.length > 3 ? parts[3] : "api";
  }
}
