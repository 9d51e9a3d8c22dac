package dev.runboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.web.ServerReady;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;

/**
 * {@code runboard health} against a real plain-HTTP server: it falls back from HTTPS to HTTP on the
 * port, takes an explicit URL, and exits 1 where nothing listens (HTTPS: {@code TlsServeTest}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthCommandTest {
  @TempDir static Path logdir;
  @LocalServerPort int port;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  private int run(String... args) {
    CommandLine cli = RunboardCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void readyOverPlainHttpOnThePortOrTheUrl() {
    ServerReady.await(port);
    assertThat(run("health", "--port", String.valueOf(port))).as(out.toString()).isZero();
    assertThat(out.toString()).startsWith("ready: http://127.0.0.1:" + port + "/actuator/health/readiness {\"status\":\"UP\"");
    assertThat(run("health", "--url", "http://localhost:" + port + "/")).as(out.toString()).isZero();
  }

  @Test
  void nothingListeningIsExit1AndABadUrlAUsageError() throws Exception {
    int free;
    try (ServerSocket socket = new ServerSocket(0)) {
      free = socket.getLocalPort();
    }
    assertThat(run("health", "--port", String.valueOf(free), "--timeout", "2")).isEqualTo(1);
    assertThat(out.toString()).startsWith("not reachable: https://127.0.0.1:" + free + "/actuator/health/readiness");
    assertThat(run("health", "--url", "ftp://127.0.0.1/")).isEqualTo(2);
    assertThat(err.toString()).contains("--url must be an http(s) URL");
  }
}
