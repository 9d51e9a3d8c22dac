package dev.runboard.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.cli.RunboardCli;
import dev.runboard.eventlog.s3.S3ProxyServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code runboard serve --logdir s3://...} against a real S3 server that refuses: a missing bucket,
 * wrong credentials and an unreachable endpoint each stop the start with one line that says what
 * to fix, exit status 1.
 */
class S3StartupErrorsTest {
  @TempDir static Path dir;
  static S3ProxyServer server;

  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void startStore() throws Exception {
    server = S3ProxyServer.start(dir.resolve("s3"));
    server.createBucket("present");
  }

  @AfterAll
  static void stopStore() throws Exception {
    server.close();
  }

  @AfterEach
  void forgetCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private int serve(String logdir, String endpoint, String secret) {
    System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", secret);
    CommandLine cli = RunboardCli.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute("serve", "--logdir", logdir, "--s3-endpoint", endpoint, "--port", "0");
  }

  @Test
  void aMissingBucketIsNamed() {
    assertThat(serve("s3://absent/runs", server.endpoint().toString(), S3ProxyServer.SECRET_KEY)).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("runboard: listing s3://absent/runs/ failed: bucket 'absent' does not exist at " + server.endpoint())
        .doesNotContain("Exception");
  }

  @Test
  void wrongCredentialsSayWhichSettingsToCheck() {
    assertThat(serve("s3://present/runs", server.endpoint().toString(), "wrong-secret")).isEqualTo(1);
    assertThat(err.toString())
        .contains("denied access", "SignatureDoesNotMatch", "AWS_ACCESS_KEY_ID", "bucket 'present'")
        .doesNotContain("Exception");
  }

  @Test
  void anUnreachableEndpointIsNamed() {
    assertThat(serve("s3://present/runs", "http://127.0.0.1:1", S3ProxyServer.SECRET_KEY)).isEqualTo(1);
    assertThat(err.toString()).contains("cannot reach http://127.0.0.1:1");
  }
}
