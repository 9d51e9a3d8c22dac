package dev.runboard.cli;

import dev.runboard.security.BindAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Asks a dashboard on this machine whether it is ready ({@code /actuator/health/readiness}, open
 * without authentication): the container health check, which cannot count on curl in a JRE image.
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = {
      "Check that the dashboard on this machine is ready: exit status 0 when",
      "/actuator/health/readiness answers UP, 1 otherwise (for container health checks).",
      "Without --url it tries https://127.0.0.1:PORT, then http://127.0.0.1:PORT."
    })
final class HealthCommand implements Callable<Integer> {
  static final String READINESS = "/actuator/health/readiness";

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "${env:RUNBOARD_PORT:-6006}",
      description = "Port of the dashboard on 127.0.0.1 (default: $RUNBOARD_PORT, else 6006).")
  int port;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "The dashboard's base URL instead, e.g. https://127.0.0.1:8443/; for https on a"
          + " loopback address the certificate is not verified (it names the public host).")
  URI url;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description = "How long to wait for an answer (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    List<URI> candidates;
    if (url != null) {
      if (url.getHost() == null || !List.of("http", "https").contains(url.getScheme())) {
        throw new ParameterException(spec.commandLine(), "--url must be an http(s) URL such as http://127.0.0.1:6006/, was " + url);
      }
      candidates = List.of(url.resolve(READINESS));
    } else {
      if (port < 1 || port > 65535) {
        throw new ParameterException(spec.commandLine(), "--port must be between 1 and 65535, was " + port);
      }
      candidates = List.of(URI.create("https://127.0.0.1:" + port + READINESS), URI.create("http://127.0.0.1:" + port + READINESS));
    }
    String failure = null;
    for (URI candidate : candidates) {
      try {
        HttpResponse<String> response = client(candidate).send(
            HttpRequest.newBuilder(candidate).timeout(Duration.ofSeconds(timeoutSeconds)).build(),
            HttpResponse.BodyHandlers.ofString());
        out.println((response.statusCode() == 200 ? "ready: " : "not ready (HTTP " + response.statusCode() + "): ")
            + candidate + " " + response.body().strip());
        out.flush();
        return response.statusCode() == 200 ? 0 : 1;
      } catch (SSLException e) {
        failure = candidate + ": " + e.getMessage(); // a plain HTTP server: try the next candidate
      } catch (IOException e) {
        failure = candidate + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        if (url == null && !(e.getCause() instanceof SSLException)) {
          break; // nothing listens there: no use trying plain HTTP on the same port
        }
      }
    }
    out.println("not reachable: " + failure);
    out.flush();
    return 1;
  }

  private HttpClient client(URI target) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds));
    if ("https".equals(target.getScheme()) && BindAddress.isLoopback(target.getHost())) {
      try {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AnyCertificate()}, null);
        builder.sslContext(context);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("no TLS in this JVM", e);
      }
    }
    return builder.build();
  }

  /**
   * Accepts the server's certificate unchecked, name included: only for this machine's own
   * server, whose certificate names its public host, and only to read UP or DOWN.
   */
  private static final class AnyCertificate extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
