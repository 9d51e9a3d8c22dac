package dev.runboard.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A plugin's routes (found by ServiceLoader, see {@link TestRoutes}) served by a real server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PluginRoutesTest {
  @TempDir static Path logdir;

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void routesAnswerJsonAndBytes() throws Exception {
    HttpResponse<String> json = get("/api/v1/test-plugin/runs?times=3");
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(json.body()).get("runs").asInt()).isZero();
    HttpResponse<String> bytes = get("/api/v1/test-plugin/bytes");
    assertThat(bytes.body()).isEqualTo("raw");
    assertThat(bytes.headers().firstValue("content-type")).hasValue("text/plain");
    assertThat(bytes.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(bytes.headers().firstValue("cache-control")).hasValue("max-age=31536000, immutable");
  }

  @Test
  void errorsAreProblemDocumentsWithoutInternals() throws Exception {
    HttpResponse<String> bad = get("/api/v1/test-plugin/runs?times=99");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("content-type").orElse("")).contains("application/problem+json");
    assertThat(bad.body()).contains("\"parameter\":\"times\"").contains("between 1 and 10");
    HttpResponse<String> missing = get("/api/v1/test-plugin/missing?what=x");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("no such thing as x");
    HttpResponse<String> required = get("/api/v1/test-plugin/missing");
    assertThat(required.statusCode()).isEqualTo(400);
    assertThat(required.body()).contains("parameter 'what' is required");
    HttpResponse<String> broken = get("/api/v1/test-plugin/broken");
    assertThat(broken.statusCode()).isEqualTo(500);
    assertThat(broken.body()).doesNotContain("secret internal detail").doesNotContain("Exception");
  }
}
