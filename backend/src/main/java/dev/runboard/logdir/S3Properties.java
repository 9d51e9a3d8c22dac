package dev.runboard.logdir;

import dev.runboard.eventlog.s3.S3Settings;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How {@code s3://} logdirs are reached and followed. Credentials come from the AWS SDK's default
 * chain (environment, profiles, roles); the endpoint, when not set here, from {@code
 * AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL}.
 *
 * @param endpoint the store's URL (MinIO, Ceph, R2, GCS interoperability; {@code --s3-endpoint});
 *     unset: AWS S3, or the environment's
 * @param region unset: the SDK's default chain, else {@code us-east-1}
 * @param pathStyle bucket in the path rather than the host name; unset: with an endpoint
 * @param pollInterval how often each s3:// logdir is listed for new and grown objects
 * @param readAhead bytes fetched per ranged GET at least: a reader's small reads cost one request
 */
@ConfigurationProperties("runboard.s3")
public record S3Properties(
    URI endpoint,
    String region,
    Boolean pathStyle,
    @DefaultValue("5s") Duration pollInterval,
    @DefaultValue("4MB") DataSize readAhead) {
  public S3Properties {
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("runboard.s3.poll-interval must be positive");
    }
    if (readAhead.toBytes() < 4096 || readAhead.toBytes() > (1L << 30)) {
      throw new IllegalArgumentException("runboard.s3.read-ahead must be between 4KB and 1GB");
    }
  }

  /** The settings for the client: these properties over the environment's. */
  public S3Settings settings() {
    S3Settings settings = S3Settings.fromEnvironment();
    if (endpoint != null) {
      settings = settings.withEndpoint(endpoint);
    }
    if (region != null && !region.isBlank()) {
      settings = settings.withRegion(region);
    }
    return settings.withPathStyle(pathStyle);
  }
}
