package dev.runboard.eventlog.s3;

import java.net.URI;
import java.util.Objects;

/**
 * A place in an S3 bucket: {@code s3://bucket/prefix/}. The prefix is empty (the whole bucket) or
 * ends with '/', so that keys below it are {@code prefix + relative name}, as files are below a
 * directory.
 *
 * @param bucket the bucket name
 * @param prefix the key prefix: empty, or ending with '/'
 */
public record S3Location(String bucket, String prefix) {
  public static final String SCHEME = "s3";

  public S3Location {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    if (bucket.isEmpty() || !bucket.matches("[a-zA-Z0-9._-]+")) {
      throw new IllegalArgumentException("not an S3 bucket name: '" + bucket + "'");
    }
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      throw new IllegalArgumentException("an S3 prefix must be empty or end with '/', was '" + prefix + "'");
    }
    for (String part : prefix.split("/", -1)) {
      if (part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException("an S3 prefix must not hold '.' or '..': '" + prefix + "'");
      }
    }
  }

  /** Whether the text is an {@code s3://} location (as opposed to a local path). */
  public static boolean isS3(String location) {
    return location != null && location.regionMatches(true, 0, SCHEME + "://", 0, SCHEME.length() + 3);
  }

  /** Whether the URI is an {@code s3://} location. */
  public static boolean isS3(URI location) {
    return location != null && SCHEME.equalsIgnoreCase(location.getScheme());
  }

  /**
   * Parses {@code s3://bucket}, {@code s3://bucket/} or {@code s3://bucket/some/prefix[/]}; runs of
   * '/' in the prefix are one separator.
   *
   * @throws IllegalArgumentException when it is not such a location
   */
  public static S3Location parse(String location) {
    if (!isS3(location)) {
      throw new IllegalArgumentException("not an s3:// location: '" + location + "'");
    }
    String rest = location.substring(SCHEME.length() + 3);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash + 1);
    StringBuilder prefix = new StringBuilder();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        prefix.append(part).append('/');
      }
    }
    return new S3Location(bucket, prefix.toString());
  }

  /** As {@link #parse(String)}. */
  public static S3Location of(URI location) {
    return parse(location.toString());
  }

  /** The location of a sub-"directory": {@code child} may hold '/'. */
  public S3Location resolve(String child) {
    return parse(SCHEME + "://" + bucket + "/" + prefix + child);
  }

  /** The key of an object directly below this location. */
  public String key(String name) {
    return prefix + name;
  }

  /** The part of {@code key} after the prefix; the key must be below this location. */
  public String relativize(String key) {
    if (!key.startsWith(prefix)) {
      throw new IllegalArgumentException("key '" + key + "' is not below " + this);
    }
    return key.substring(prefix.length());
  }

  public URI toUri() {
    return URI.create(toString());
  }

  @Override
  public String toString() {
    return SCHEME + "://" + bucket + "/" + prefix;
  }
}
