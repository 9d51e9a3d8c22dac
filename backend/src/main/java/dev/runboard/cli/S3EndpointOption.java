package dev.runboard.cli;

import dev.runboard.eventlog.s3.S3Settings;
import java.net.URI;
import picocli.CommandLine.Option;

/** {@code --s3-endpoint}: where {@code s3://} logdirs are, when not AWS S3. */
final class S3EndpointOption {
  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description = "S3-compatible store for s3:// logdirs (MinIO, Ceph, R2, ...), path-style; credentials"
          + " from the AWS default chain (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE, roles)"
          + " (default: $AWS_ENDPOINT_URL_S3, $AWS_ENDPOINT_URL, else AWS S3).")
  URI endpoint;

  /** The settings: the environment's, with the flag's endpoint over it. */
  S3Settings settings() {
    S3Settings settings = S3Settings.fromEnvironment();
    return endpoint == null ? settings : settings.withEndpoint(endpoint);
  }
}
