package dev.runboard.cli;

import dev.runboard.eventlog.s3.S3Settings;
import dev.runboard.logdir.LogdirBatch;
import dev.runboard.logdir.LogdirSource;
import dev.runboard.logdir.S3Discovery;
import dev.runboard.eventlog.s3.S3ObjectSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code --logdir} of the commands that read a logdir once and exit (export, inspect): unlike the
 * server, which waits for a logdir to appear, they have nothing to do without one. A local
 * directory or an {@code s3://bucket/prefix}.
 */
final class ExistingLogdirOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--logdir",
      paramLabel = "DIR",
      defaultValue = "${env:RUNBOARD_LOGDIR:-./runs}",
      description = "Directory whose sub-directories are runs, or s3://bucket/prefix"
          + " (default: $RUNBOARD_LOGDIR, else ./runs).")
  String logdir;

  @Mixin S3EndpointOption s3;

  /** The logdir's runs, listed; the S3 client (if any) lives until close. */
  record Listed(String location, LogdirBatch.Runs runs, S3Client client) implements AutoCloseable {
    @Override
    public void close() {
      if (client != null) {
        client.close();
      }
    }
  }

  /**
   * Lists the logdir: a usage error (exit status 2) when a local logdir is not a directory; an
   * {@link IOException} saying what to fix when object storage refuses.
   */
  Listed list() throws IOException {
    LogdirSource source;
    try {
      source = LogdirSource.of(logdir);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), "--logdir: " + e.getMessage());
    }
    if (!source.isS3()) {
      Path directory = Path.of(logdir);
      if (!Files.isDirectory(directory)) {
        throw new ParameterException(mixee.commandLine(), "--logdir " + logdir + " is not a directory");
      }
      return new Listed(logdir, LogdirBatch.listLocal(directory.toAbsolutePath().normalize()), null);
    }
    S3Settings settings = s3.settings();
    S3Client client = settings.newClient(null);
    try {
      return new Listed(source.describe(),
          S3Discovery.listRuns(client, settings, source, S3ObjectSource.DEFAULT_READ_AHEAD, null), client);
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }
}
