package dev.runboard.eventlog.s3;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.EventLogWriterOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child process of {@link S3EventLogWriterTest}'s kill test: writes steps 0..n-1 of tag
 * {@code loss} to an s3:// run with an hour between segment finishes (so nothing is uploaded),
 * flushes, prints {@code FLUSHED n} and waits to be killed.
 *
 * <p>Arguments: endpoint, staging directory, run URI, n.
 */
public final class S3WriterChildMain {
  private S3WriterChildMain() {}

  public static void main(String[] args) throws Exception {
    S3Settings settings = new S3Settings(URI.create(args[0]), "us-east-1", true, null)
        .withCredentials(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)));
    S3WriterOptions s3 = S3WriterOptions.defaults()
        .withSettings(settings)
        .withStagingDirectory(Path.of(args[1]))
        .withFlushInterval(Duration.ofHours(1));
    int n = Integer.parseInt(args[3]);
    EventLogWriter writer = EventLogWriter.open(
        URI.create(args[2]), EventLogWriterOptions.defaults().withFlushInterval(Duration.ofHours(1)), s3);
    for (int step = 0; step < n; step++) {
      writer.scalar("loss", step, 1.0 / (step + 1));
    }
    writer.flush();
    System.out.println("FLUSHED " + n);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
