package dev.runboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.eventlog.EventLogWriter;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code --auth oidc} against a real OpenID provider ({@link OidcProvider}: Spring Authorization
 * Server on its own port), through a real HTTP client with a cookie jar that follows redirects as
 * a browser does: the API answers 401 and the page sends the browser to the provider's login; after
 * the user signs in at the provider (its own form, its CSRF token) and Runboard has exchanged the
 * code for a signed ID token, the page and the API are served; health stays open throughout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OidcLoginTest {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  @TempDir static Path logdir;
  static OidcProvider provider;
  @LocalServerPort int port;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) throws Exception {
    try (EventLogWriter writer = EventLogWriter.open(logdir.resolve("oidc-run"))) {
      writer.scalar("loss", 0, 1_700_000_000.0, 0.5);
    }
    provider = OidcProvider.start();
    registry.add("runboard.logdir", () -> logdir.toString());
    registry.add("runboard.security.auth", () -> "oidc");
    registry.add("spring.security.oauth2.client.registration.team.client-id", () -> "runboard");
    registry.add("spring.security.oauth2.client.registration.team.client-secret", () -> "runboard-secret");
    registry.add("spring.security.oauth2.client.registration.team.scope", () -> "openid,profile");
    registry.add("spring.security.oauth2.client.provider.team.issuer-uri", () -> provider.issuer().toString());
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @Test
  void refusedUntilTheUserSignsInAtTheProviderThenServed() throws Exception {
    provider.register("runboard", "runboard-secret", "http://localhost:" + port + "/login/oauth2/code/team");
    String base = "http://localhost:" + port;
    HttpClient browser = HttpClient.newBuilder()
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    HttpClient noRedirects = HttpClient.newHttpClient();

    assertThat(send(browser, page(base + "/api/v1/runs").header("Accept", "application/json")).statusCode()).isEqualTo(401);
    assertThat(send(browser, page(base + "/api/v1/stream")).statusCode()).isEqualTo(401);
    assertThat(send(browser, page(base + "/actuator/info")).statusCode()).isEqualTo(401);
    HttpResponse<String> navigation = send(noRedirects, page(base + "/").header("Accept", "text/html"));
    assertThat(navigation.statusCode()).isEqualTo(302);
    assertThat(navigation.headers().firstValue("Location")).get().asString().endsWith("/oauth2/authorization/team");
    assertThat(send(browser, page(base + "/actuator/health")).statusCode()).isEqualTo(200);

    // The page, as a browser opens it: Runboard -> the provider's authorize endpoint -> its login form.
    HttpResponse<String> login = send(browser, page(base + "/").header("Accept", "text/html"));
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.uri().toString()).isEqualTo(provider.issuer() + "/login");
    Matcher csrf = CSRF.matcher(login.body());
    assertThat(csrf.find()).as(login.body()).isTrue();

    // A wrong password stays at the provider.
    HttpResponse<String> wrong = send(browser, form(login.uri(), OidcProvider.USER, "not the password", csrf.group(1)));
    assertThat(wrong.uri().toString()).startsWith(provider.issuer() + "/login?error");
    assertThat(send(browser, page(base + "/api/v1/runs").header("Accept", "application/json")).statusCode()).isEqualTo(401);

    HttpResponse<String> retry = send(browser, page(base + "/").header("Accept", "text/html"));
    Matcher csrf2 = CSRF.matcher(retry.body());
    assertThat(csrf2.find()).isTrue();
    HttpResponse<String> signedIn = send(browser, form(retry.uri(), OidcProvider.USER, OidcProvider.PASSWORD, csrf2.group(1)));
    // Back at Runboard, through /login/oauth2/code/team, on the page first asked for.
    assertThat(signedIn.statusCode()).as(signedIn.uri() + "\n" + signedIn.body()).isEqualTo(200);
    assertThat(signedIn.uri().toString()).startsWith(base + "/");
    assertThat(signedIn.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
    assertThat(signedIn.body()).contains("Vaadin");

    HttpResponse<String> runs = send(browser, page(base + "/api/v1/runs").header("Accept", "application/json"));
    assertThat(runs.statusCode()).isEqualTo(200);
    assertThat(runs.body()).contains("\"oidc-run\"");
    assertThat(send(browser, page(base + "/actuator/health")).statusCode()).isEqualTo(200);
    // The session is what lets it in: a client without the cookie still gets 401.
    assertThat(send(noRedirects, page(base + "/api/v1/runs").header("Accept", "application/json")).statusCode()).isEqualTo(401);
  }

  private static HttpRequest.Builder page(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
  }

  private static HttpRequest.Builder form(URI action, String user, String password, String csrf) {
    String body = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(csrf);
    return HttpRequest.newBuilder(action).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
