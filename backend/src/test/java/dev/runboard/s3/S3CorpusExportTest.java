package dev.runboard.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.cli.RunboardCli;
import dev.runboard.eventlog.s3.S3ProxyServer;
import dev.runboard.logdir.TfEventsTestdata;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The real-world TensorBoard files (../shared/testdata/tfevents) uploaded to a real S3 server:
 * {@code runboard export} and {@code inspect} from the bucket print exactly what they print from
 * the disk (run names with spaces and nested runs included).
 */
class S3CorpusExportTest {
  @TempDir Path dir;

  @Test
  void exportAndInspectFromTheBucketEqualThoseFromDisk() throws Exception {
    Path corpus = TfEventsTestdata.root();
    try (S3ProxyServer server = S3ProxyServer.start(dir.resolve("s3")); S3Client client = server.client()) {
      server.createBucket("corpus");
      List<Path> files;
      try (Stream<Path> walk = Files.walk(corpus)) {
        files = walk.filter(Files::isRegularFile).toList();
      }
      for (Path file : files) {
        String key = "tb/" + corpus.relativize(file).toString().replace('\\', '/');
        client.putObject(r -> r.bucket("corpus").key(key), RequestBody.fromFile(file));
      }
      System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
      System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
      try {
        String endpoint = server.endpoint().toString();
        for (String command : List.of("export", "inspect")) {
          String fromDisk = run(command, "--logdir", corpus.toString());
          String fromS3 = run(command, "--logdir", "s3://corpus/tb", "--s3-endpoint", endpoint);
          assertThat(fromS3).as(command).isEqualTo(fromDisk.replace(corpus.toString(), "s3://corpus/tb/"));
        }
        assertThat(run("export", "--logdir", corpus.toString()).lines().count())
            .isEqualTo(1 + TfEventsTestdata.SCALAR_POINTS);
      } finally {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
      }
    }
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = RunboardCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args);
    assertThat(status).as("%s: %s", String.join(" ", args), err).isIn(0, 1); // inspect: 1 = damaged files listed
    return out.toString();
  }
}
