package dev.runboard.eventlog.s3;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * How to reach the object store. Credentials and region come from the AWS SDK's default provider
 * chains (environment, system properties, {@code ~/.aws/config} and {@code credentials}, web
 * identity, container and instance roles) unless set here. An endpoint (MinIO, Ceph, R2, GCS
 * interoperability, S3Proxy) comes from {@link #withEndpoint} or the standard variables {@code
 * AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL}; with one, path-style access is used, which every
 * S3-compatible store understands.
 *
 * @param endpoint the store's URL; null for AWS S3
 * @param region the region; null for the default chain, falling back to {@code us-east-1} (what
 *     S3-compatible stores expect when they ignore regions)
 * @param pathStyle bucket in the path rather than the host name; null: when an endpoint is set
 * @param credentials null for the default chain
 */
public record S3Settings(URI endpoint, String region, Boolean pathStyle, AwsCredentialsProvider credentials) {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

  /**
   * The endpoint from the SDK's settings, if set: the variables {@code AWS_ENDPOINT_URL_S3} or
   * {@code AWS_ENDPOINT_URL}, or the system properties {@code aws.endpointUrlS3} or {@code
   * aws.endpointUrl}; the rest defaults.
   */
  public static S3Settings fromEnvironment() {
    String endpoint = first(
        System.getenv("AWS_ENDPOINT_URL_S3"), System.getenv("AWS_ENDPOINT_URL"),
        System.getProperty("aws.endpointUrlS3"), System.getProperty("aws.endpointUrl"));
    return new S3Settings(endpoint == null ? null : URI.create(endpoint.trim()), null, null, null);
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  public S3Settings withEndpoint(URI value) {
    return new S3Settings(value, region, pathStyle, credentials);
  }

  public S3Settings withRegion(String value) {
    return new S3Settings(endpoint, value, pathStyle, credentials);
  }

  public S3Settings withPathStyle(Boolean value) {
    return new S3Settings(endpoint, region, value, credentials);
  }

  public S3Settings withCredentials(AwsCredentialsProvider value) {
    return new S3Settings(endpoint, region, pathStyle, value);
  }

  /** For messages: the endpoint, or "AWS S3". */
  public String describeEndpoint() {
    return endpoint == null ? "AWS S3" : endpoint.toString();
  }

  /**
   * A client on the JDK's URL connection (no netty, no Apache client). The caller closes it.
   *
   * @param traffic counts the client's requests; may be null
   */
  public S3Client newClient(S3Traffic traffic) {
    ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder();
    if (traffic != null) {
      override.addExecutionInterceptor(traffic);
    }
    S3ClientBuilder builder = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(SOCKET_TIMEOUT)
            .build())
        .region(resolveRegion())
        .credentialsProvider(credentials != null ? credentials : DefaultCredentialsProvider.builder().build())
        // Checksums only where S3 requires them: several S3-compatible stores reject the newer
        // default (aws-chunked uploads with trailing checksums).
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(override.build());
    if (endpoint != null) {
      builder.endpointOverride(endpoint)
          // No "Expect: 100-continue" on uploads: through the JDK's URL connection, stores that do
          // not answer it (S3Proxy, some proxies) stall each upload for seconds or cut it.
          .serviceConfiguration(S3Configuration.builder().expectContinueEnabled(false).build());
    } else {
      builder.crossRegionAccessEnabled(true); // a bucket in another region than the default one
    }
    builder.forcePathStyle(pathStyle != null ? pathStyle : endpoint != null);
    return builder.build();
  }

  private Region resolveRegion() {
    if (region != null && !region.isBlank()) {
      return Region.of(region);
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException none) {
      return Region.US_EAST_1;
    }
  }
}
