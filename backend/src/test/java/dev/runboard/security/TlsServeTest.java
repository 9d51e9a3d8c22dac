package dev.runboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runboard.cli.RunboardCli;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.web.RawHttp;
import dev.runboard.web.RunboardProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code runboard serve --tls-cert --tls-key}: the real command in its own JVM serves HTTPS with
 * the given PEM certificate (test resources, tls/README.md): a client trusting exactly that
 * certificate gets the API and the page, one trusting only the JDK's authorities is refused, and
 * plain HTTP on the same port serves nothing. {@code runboard health} finds it ready over HTTPS.
 */
class TlsServeTest {
  private static final Path TLS = Path.of("src/test/resources/tls").toAbsolutePath();
  private static final Pattern ANNOUNCED = Pattern.compile("Runboard is serving \\S+ at https://127\\.0\\.0\\.1:(\\d+)/");

  @TempDir Path dir;

  @Test
  void servesHttpsWithTheGivenCertificateAndNothingInPlainText() throws Exception {
    Path logdir = dir.resolve("logs");
    try (EventLogWriter writer = EventLogWriter.open(logdir.resolve("tls-run"))) {
      writer.scalar("loss", 0, 1_700_000_000.0, 0.5);
    }
    Certificate certificate;
    try (InputStream in = Files.newInputStream(TLS.resolve("localhost-cert.pem"))) {
      certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    try (RunboardProcess serve = RunboardProcess.start(dir, List.of(), Map.of(),
        "serve", "--logdir", logdir.toString(), "--port", "0",
        "--tls-cert", TLS.resolve("localhost-cert.pem").toString(), "--tls-key", TLS.resolve("localhost-key.pem").toString())) {
      int port = Integer.parseInt(serve.await(ANNOUNCED, Duration.ofMinutes(4)).group(1));
      HttpClient https = HttpClient.newBuilder().sslContext(trusting(certificate)).build();

      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
          https.send(get("https://localhost:" + port + "/actuator/health/readiness"), HttpResponse.BodyHandlers.ofString())
              .statusCode() == 200);
      HttpResponse<String> runs = https.send(get("https://localhost:" + port + "/api/v1/runs"), HttpResponse.BodyHandlers.ofString());
      assertThat(runs.statusCode()).isEqualTo(200);
      assertThat(runs.body()).contains("\"tls-run\"");
      assertThat(runs.sslSession()).get().satisfies(session ->
          assertThat(session.getPeerCertificates()[0]).isEqualTo(certificate));

      // By address too: the certificate names 127.0.0.1 as well as localhost.
      HttpResponse<String> page = https.send(
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/")).header("Accept", "text/html").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
      assertThat(page.body()).containsIgnoringCase("<!doctype html").contains("Vaadin");
      assertThat(page.headers().firstValue("Strict-Transport-Security")).as("HSTS over HTTPS").isPresent();

      assertThatThrownBy(() -> HttpClient.newHttpClient().send(get("https://localhost:" + port + "/api/v1/runs"),
          HttpResponse.BodyHandlers.ofString()))
          .as("a client that does not trust the self-signed certificate")
          .isInstanceOf(SSLHandshakeException.class);

      String plain;
      try {
        RawHttp.Response response = RawHttp.get(port, "/api/v1/runs", Map.of());
        assertThat(response.status()).isEqualTo(400);
        plain = response.body();
      } catch (IOException refused) {
        plain = "";
      }
      assertThat(plain).as("plain HTTP on the TLS port").doesNotContain("tls-run");

      StringWriter out = new StringWriter();
      CommandLine health = RunboardCli.commandLine();
      health.setOut(new PrintWriter(out, true));
      assertThat(health.execute("health", "--port", String.valueOf(port))).as(out.toString()).isZero();
      assertThat(out.toString()).startsWith("ready: https://127.0.0.1:" + port + "/actuator/health/readiness");
    }
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
  }

  /** TLS that trusts this one certificate and nothing else. */
  private static SSLContext trusting(Certificate certificate) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("runboard", certificate);
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
