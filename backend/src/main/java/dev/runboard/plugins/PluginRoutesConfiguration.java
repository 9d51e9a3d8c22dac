package dev.runboard.plugins;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.data.DataProvider;
import dev.runboard.data.routes.RouteException;
import dev.runboard.data.routes.RouteRequest;
import dev.runboard.data.routes.RouteResponse;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Mounts every plugin's data routes under {@code /api/v1/}: the service needs no code for a new
 * plugin's API. Errors become problem documents ({@code application/problem+json}), never stack
 * traces.
 */
@Configuration(proxyBeanMethods = false)
class PluginRoutesConfiguration {
  private static final Logger log = LoggerFactory.getLogger(PluginRoutesConfiguration.class);
  private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

  @Bean
  PluginRouteCatalog pluginRouteCatalog() {
    return PluginRouteCatalog.discover(PluginRoutesConfiguration.class.getClassLoader());
  }

  @Bean
  RouterFunction<ServerResponse> pluginRoutes(PluginRouteCatalog catalog, DataProvider data, ObjectMapper json) {
    RouterFunctions.Builder routes = RouterFunctions.route();
    for (PluginRouteCatalog.Entry entry : catalog.entries()) {
      routes.GET("/api/v1/" + entry.route().path(), request -> handle(entry, request, data));
    }
    // An empty builder cannot build: a route that matches nothing keeps it valid.
    routes.GET("/api/v1/__no_plugin_route__", request -> ServerResponse.notFound().build());
    return routes.build();
  }

  private static ServerResponse handle(PluginRouteCatalog.Entry entry, ServerRequest request, DataProvider data) {
    RouteRequest routeRequest = new RouteRequest() {
      @Override
      public DataProvider data() {
        return data;
      }

      @Override
      public List<String> parameters(String name) {
        return request.params().getOrDefault(name, List.of());
      }

      @Override
      public Set<String> parameterNames() {
        return request.params().keySet();
      }

      @Override
      public Optional<String> header(String name) {
        return Optional.ofNullable(request.headers().firstHeader(name));
      }
    };
    try {
      RouteResponse response = entry.route().handler().handle(routeRequest);
      if (response instanceof RouteResponse.Bytes bytes) {
        ServerResponse.BodyBuilder builder = ServerResponse.ok()
            .contentType(MediaType.parseMediaType(bytes.mediaType()))
            .header("X-Content-Type-Options", "nosniff");
        bytes.headers().forEach(builder::header);
        return builder.body(bytes.body());
      }
      return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(((RouteResponse.Json) response).body());
    } catch (RouteException e) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.getMessage());
      if (e.parameter() != null) {
        problem.setProperty("parameter", e.parameter());
      }
      return ServerResponse.status(e.status()).contentType(PROBLEM).body(problem);
    } catch (UncheckedIOException e) {
      log.warn("Route /api/v1/{} of plugin {} could not read a log file", entry.route().path(), entry.pluginName(), e);
      return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(PROBLEM)
          .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    } catch (RuntimeException e) {
      log.error("Route /api/v1/{} of plugin {} failed", entry.route().path(), entry.pluginName(), e);
      return ServerResponse.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(PROBLEM)
          .body(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
              "the " + entry.pluginName() + " plugin failed to answer; the server log has the details"));
    }
  }
}
