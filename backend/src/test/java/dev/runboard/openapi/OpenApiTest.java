package dev.runboard.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.data.routes.PluginRoutes;
import dev.runboard.data.routes.Route;
import dev.runboard.data.routes.RouteParameter;
import dev.runboard.data.routes.RouteResponse;
import dev.runboard.plugins.PluginRouteCatalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * {@code /api/v1/openapi.json} lists what is served: every endpoint Spring maps under /api and
 * every route of every plugin on the class path (here the tests' own plugin), with their
 * parameters, and a route a plugin adds appears without any edit to the service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiTest {
  @TempDir static Path logdir;

  @LocalServerPort int port;
  @Autowired PluginRouteCatalog catalog;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  private JsonNode document() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/openapi.json")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).contains("application/json");
    return new ObjectMapper().readTree(r.body());
  }

  @Test
  void everyServedEndpointAndEveryPluginRouteIsDocumented() throws Exception {
    JsonNode doc = document();
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    JsonNode paths = doc.get("paths");
    mappings.getHandlerMethods().forEach((info, method) -> {
      for (String path : info.getPatternValues()) {
        if (path.startsWith("/api/")) {
          assertThat(paths.has(path)).as("%s is documented", path).isTrue();
        }
      }
    });
    assertThat(catalog.entries()).isNotEmpty();
    for (PluginRouteCatalog.Entry entry : catalog.entries()) {
      JsonNode op = paths.get("/api/v1/" + entry.route().path()).get("get");
      assertThat(op.get("summary").asText()).isEqualTo(entry.route().summary());
      assertThat(op.get("tags").get(0).asText()).isEqualTo(entry.pluginName());
      for (RouteParameter p : entry.route().parameters()) {
        assertThat(op.get("parameters").findValuesAsText("name")).contains(p.name());
      }
    }
    assertThat(paths.get("/api/v1/test-plugin/runs").get("get").get("parameters").get(0).get("schema").get("type").asText())
        .isEqualTo("integer");
    Set<String> operationIds = new HashSet<>();
    paths.forEach(path -> path.forEach(op -> {
      assertThat(operationIds.add(op.get("operationId").asText())).as("unique %s", op.get("operationId")).isTrue();
      assertThat(op.get("responses").has("200")).isTrue();
    }));
  }

  @Test
  void theScalarsApiIsDescribedParameterByParameter() throws Exception {
    JsonNode paths = document().get("paths");
    JsonNode scalars = paths.get("/api/v1/scalars").get("get");
    List<String> names = scalars.get("parameters").findValuesAsText("name");
    assertThat(names).containsExactly("run", "tag", "points", "x", "from", "to", "smoothing", "restarts");
    JsonNode points = scalars.get("parameters").get(2);
    assertThat(points.get("required").asBoolean()).isFalse();
    assertThat(points.get("schema").get("type").asText()).isEqualTo("integer");
    assertThat(scalars.get("parameters").get(0).get("required").asBoolean()).isTrue();
    assertThat(scalars.get("parameters").get(3).get("schema").get("enum").toString()).isEqualTo("[\"step\",\"relative\",\"wall\"]");
    assertThat(scalars.get("responses").get("200").get("content").has("application/vnd.apache.arrow.stream")).isTrue();
    assertThat(scalars.get("responses").get("400").get("content").has("application/problem+json")).isTrue();
    assertThat(paths.get("/api/v1/scalars/batch").get("post").get("requestBody").get("content").has("application/json")).isTrue();
    assertThat(paths.get("/api/v1/scalars/groups").has("get")).isTrue();
    assertThat(paths.get("/api/v1/scalars/groups").has("post")).isTrue();
    for (String path : List.of("/api/v1/runs", "/api/v1/status", "/api/v1/stream", "/api/v1/openapi.json")) {
      assertThat(paths.has(path)).as(path).isTrue();
    }
  }

  @Test
  void aRouteAPluginDeclaresAppearsWithoutEditingTheService() {
    PluginRoutes newcomer = new PluginRoutes() {
      @Override
      public String pluginName() {
        return "newcomer";
      }

      @Override
      public List<Route> routes() {
        return List.of(new Route("newcomer/things", "Things", List.of(RouteParameter.required("run", "string", "the run")),
            request -> RouteResponse.json(Map.of())));
      }
    };
    List<PluginRoutes> plugins = new ArrayList<>();
    plugins.add(newcomer);
    Map<String, Object> doc = OpenApiDocument.build(Map.of(), new PluginRouteCatalog(plugins), List.of(), "test");
    JsonNode paths = new ObjectMapper().valueToTree(doc).get("paths");
    JsonNode op = paths.get("/api/v1/newcomer/things").get("get");
    assertThat(op.get("summary").asText()).isEqualTo("Things");
    assertThat(op.get("parameters").get(0).get("required").asBoolean()).isTrue();
  }
}
