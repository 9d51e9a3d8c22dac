package dev.runboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.web.RawHttp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code --auth token}, through real HTTP requests: REST, the event stream, the page and
 * Actuator (but health) all need the token, given in the URL (then remembered in a cookie), as a
 * bearer header or in the cookie; CORS for the listed origin only; Prometheus metrics behind it.
 */
// Spring Boot tests switch metrics export off unless asked: /actuator/prometheus is checked here.
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenSecurityTest {
  static final String TOKEN = "test-token-0123456789abcdef";

  @TempDir static Path logdir;
  @LocalServerPort int port;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
    registry.add("runboard.security.auth", () -> "token");
    registry.add("runboard.security.token", () -> TOKEN);
    registry.add("runboard.security.cors-origins", () -> "http://notebook.example:8888");
    registry.add("management.endpoints.web.exposure.include", () -> "health,info,prometheus");
  }

  @Test
  void everythingButHealthNeedsTheToken() throws Exception {
    for (String path : new String[] {"/api/v1/runs", "/api/v1/status", "/api/v1/stream", "/actuator/info",
        "/actuator/prometheus", "/VAADIN/build/missing.js", "/?v-r=init"}) {
      RawHttp.Response denied = RawHttp.get(port, path, Map.of());
      assertThat(denied.status()).as(path).isEqualTo(401);
      assertThat(denied.header("WWW-Authenticate")).as(path).isEqualTo("Bearer realm=\"runboard\"");
      assertThat(denied.header("Content-Type")).as(path).startsWith("application/problem+json");
    }
    assertThat(RawHttp.get(port, "/api/v1/runs", Map.of("Authorization", "Bearer wrong-token-0123456789")).status())
        .isEqualTo(401);
    assertThat(RawHttp.get(port, "/api/v1/runs?token=wrong", Map.of()).status()).isEqualTo(401);
    assertThat(RawHttp.get(port, "/actuator/health", Map.of()).status()).isEqualTo(200);
    assertThat(RawHttp.get(port, "/actuator/health/readiness", Map.of()).status()).isIn(200, 503);
  }

  @Test
  void theTokenWorksInTheUrlAHeaderOrTheCookieItSets() throws Exception {
    RawHttp.Response viaUrl = RawHttp.get(port, "/api/v1/runs?token=" + TOKEN, Map.of());
    assertThat(viaUrl.status()).isEqualTo(200);
    String cookie = viaUrl.header("Set-Cookie");
    assertThat(cookie).startsWith("runboard_token=" + TOKEN + ";").contains("HttpOnly", "SameSite=Lax", "Path=/");

    assertThat(RawHttp.get(port, "/api/v1/runs", Map.of("Authorization", "Bearer " + TOKEN)).status()).isEqualTo(200);
    assertThat(RawHttp.get(port, "/api/v1/runs", Map.of("Authorization", "token " + TOKEN)).status()).isEqualTo(200);
    RawHttp.Response viaCookie = RawHttp.get(port, "/api/v1/runs", Map.of("Cookie", "runboard_token=" + TOKEN));
    assertThat(viaCookie.status()).isEqualTo(200);
    assertThat(viaCookie.header("Set-Cookie")).as("set once, from the URL").isNull();
    assertThat(RawHttp.get(port, "/actuator/prometheus", Map.of("Authorization", "Bearer " + TOKEN)).body())
        .contains("runboard_runs ", "runboard_points_indexed_total", "runboard_tail_lag_bytes",
            "runboard_stream_clients", "runboard_s3_requests_total{operation=\"GetObject\"}",
            "runboard_s3_errors_total", "runboard_log_bytes_read_bytes_total");
  }

  @Test
  void aBrowserWithoutTheTokenGetsAPageThatAsksForIt() throws Exception {
    RawHttp.Response page = RawHttp.get(port, "/", Map.of("Accept", "text/html,application/xhtml+xml"));
    assertThat(page.status()).isEqualTo(401);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).contains("<form method=\"get\">", "name=\"token\"");
    assertThat(page.header("Content-Security-Policy")).isEqualTo(SecurityConfiguration.CONTENT_SECURITY_POLICY);
  }

  @Test
  void theStreamNeedsTheTokenAndServesWithIt() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<java.io.InputStream> stream = http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/stream"))
            .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
      assertThat(lines.readLine()).isNotNull();
    }
  }

  @Test
  void corsOnlyForTheListedOrigin() throws Exception {
    RawHttp.Response allowed = RawHttp.request(port, "OPTIONS", "/api/v1/runs",
        Map.of("Origin", "http://notebook.example:8888", "Access-Control-Request-Method", "GET",
            "Access-Control-Request-Headers", "authorization"));
    assertThat(allowed.status()).isEqualTo(200);
    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("http://notebook.example:8888");
    RawHttp.Response refused = RawHttp.request(port, "OPTIONS", "/api/v1/runs",
        Map.of("Origin", "http://evil.example", "Access-Control-Request-Method", "GET"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
    RawHttp.Response get = RawHttp.get(port, "/api/v1/runs",
        Map.of("Origin", "http://notebook.example:8888", "Authorization", "Bearer " + TOKEN));
    assertThat(get.header("Access-Control-Allow-Origin")).isEqualTo("http://notebook.example:8888");
  }
}
