package dev.runboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.web.RawHttp;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The default setup (loopback, no authentication), through real HTTP requests: open to this
 * machine, but only under its own names (a DNS-rebinding page gets 403), with the security headers
 * on every response and no CORS unless asked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoopbackSecurityTest {
  @TempDir static Path logdir;
  @LocalServerPort int port;

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  @Test
  void loopbackNamesAreServedWithoutLoginAndOtherHostsGet403() throws Exception {
    for (String host : new String[] {"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "localhost"}) {
      assertThat(RawHttp.get(port, "/api/v1/runs", Map.of("Host", host)).status()).as(host).isEqualTo(200);
    }
    for (String path : new String[] {"/api/v1/runs", "/api/v1/status", "/api/v1/stream", "/", "/actuator/health"}) {
      RawHttp.Response rebound = RawHttp.get(port, path, Map.of("Host", "evil.example:" + port));
      assertThat(rebound.status()).as(path).isEqualTo(403);
      assertThat(rebound.body()).contains("Host 'evil.example' is not served here");
    }
    assertThat(RawHttp.get(port, "/api/v1/runs", Map.of("Host", "localhost.evil.example")).status()).isEqualTo(403);
  }

  /** The dashboards read many series with one POST: Spring's CSRF check must not refuse it. */
  @Test
  void theApiReadsByPostWithoutACsrfToken() throws Exception {
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/scalars/batch"))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"requests\": [{\"run\": \"none\", \"tag\": \"none\"}]}"))
            .build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":404");
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() throws Exception {
    for (String path : new String[] {"/", "/api/v1/runs", "/api/v1/scalars?run=none&tag=none", "/actuator/health"}) {
      RawHttp.Response response = RawHttp.get(port, path, Map.of("Accept", "text/html,*/*"));
      assertThat(response.header("Content-Security-Policy")).as(path).isEqualTo(SecurityConfiguration.CONTENT_SECURITY_POLICY);
      assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors 'none'", "object-src 'none'");
      assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
      assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
    }
  }

  @Test
  void noCorsHeadersForOtherOrigins() throws Exception {
    RawHttp.Response response = RawHttp.get(port, "/api/v1/runs", Map.of("Origin", "http://evil.example"));
    assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    RawHttp.Response preflight = RawHttp.request(port, "OPTIONS", "/api/v1/runs",
        Map.of("Origin", "http://evil.example", "Access-Control-Request-Method", "GET"));
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
  }
}
