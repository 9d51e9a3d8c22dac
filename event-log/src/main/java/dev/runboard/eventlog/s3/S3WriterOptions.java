package dev.runboard.eventlog.s3;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link dev.runboard.eventlog.EventLogWriter} writes to an {@code s3://} run. Objects cannot
 * be appended to, so the writer writes its segments to a local staging directory, finishes them at
 * least every {@link #flushInterval()} (and at the segment size limit), and uploads each finished
 * segment as its own object in the background. Start from {@link #defaults()}.
 *
 * @param flushInterval how often open segments are finished and handed to the uploader: the delay
 *     until logged data reaches the bucket (plus the upload), and the rate at which objects appear
 * @param settings how to reach the store
 * @param stagingDirectory where segments wait for their upload, below {@code <bucket>/<prefix>};
 *     what a killed writer left there is uploaded by the next writer that opens the same run
 * @param multipartThreshold segments larger than this are uploaded in parts
 * @param partSize the size of each part (S3 needs at least 5 MiB for all but the last)
 * @param retryInitialDelay the first wait after a failed upload; doubled after each failure
 * @param retryMaxDelay the longest wait between attempts (uploads are retried until they succeed
 *     or the writer is closed)
 * @param closeTimeout how long {@code close()} waits for the remaining uploads; segments still
 *     not uploaded then stay in the staging directory, and {@code close()} says so
 * @param traffic counts the uploads' requests and failures (for metrics); may be null
 */
public record S3WriterOptions(
    Duration flushInterval,
    S3Settings settings,
    Path stagingDirectory,
    long multipartThreshold,
    long partSize,
    Duration retryInitialDelay,
    Duration retryMaxDelay,
    Duration closeTimeout,
    S3Traffic traffic) {
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(10);
  public static final long DEFAULT_MULTIPART_THRESHOLD = 16L << 20;
  public static final long DEFAULT_PART_SIZE = 8L << 20;
  /** S3's smallest part (except the last). */
  public static final long MIN_PART_SIZE = 5L << 20;

  public S3WriterOptions {
    Objects.requireNonNull(flushInterval, "flushInterval");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(stagingDirectory, "stagingDirectory");
    Objects.requireNonNull(retryInitialDelay, "retryInitialDelay");
    Objects.requireNonNull(retryMaxDelay, "retryMaxDelay");
    Objects.requireNonNull(closeTimeout, "closeTimeout");
    if (flushInterval.isNegative() || flushInterval.isZero()) {
      throw new IllegalArgumentException("flushInterval must be positive, was " + flushInterval);
    }
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException("partSize must be at least 5 MiB, was " + partSize);
    }
    if (multipartThreshold < partSize) {
      throw new IllegalArgumentException(
          "multipartThreshold (" + multipartThreshold + ") must be at least partSize (" + partSize + ")");
    }
    if (retryInitialDelay.isNegative() || retryInitialDelay.isZero() || retryMaxDelay.compareTo(retryInitialDelay) < 0) {
      throw new IllegalArgumentException(
          "retry delays must be positive with max >= initial, were " + retryInitialDelay + " and " + retryMaxDelay);
    }
    if (closeTimeout.isNegative()) {
      throw new IllegalArgumentException("closeTimeout must not be negative, was " + closeTimeout);
    }
  }

  /**
   * 10 s (or {@code $RUNBOARD_S3_FLUSH_INTERVAL}: {@code 500ms}, {@code 10s}, {@code 1m}), the
   * store from the environment ({@link S3Settings#fromEnvironment()}), staging in {@link
   * #defaultStagingDirectory()}, parts of 8 MiB above 16 MiB, retries from 200 ms up to 30 s, and
   * 2 minutes for the last uploads on close.
   */
  public static S3WriterOptions defaults() {
    String interval = System.getenv("RUNBOARD_S3_FLUSH_INTERVAL");
    return new S3WriterOptions(
        interval == null || interval.isBlank() ? DEFAULT_FLUSH_INTERVAL : parseDuration(interval),
        S3Settings.fromEnvironment(), defaultStagingDirectory(),
        DEFAULT_MULTIPART_THRESHOLD, DEFAULT_PART_SIZE, Duration.ofMillis(200), Duration.ofSeconds(30),
        Duration.ofMinutes(2), null);
  }

  /** {@code 250ms}, {@code 10s}, {@code 2m}. */
  static Duration parseDuration(String text) {
    String t = text.trim();
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("not a duration such as 500ms, 10s or 2m: '" + text + "'");
  }

  /**
   * {@code $RUNBOARD_S3_STAGING}, else {@code $XDG_CACHE_HOME/runboard/s3-staging}, else {@code
   * ~/.cache/runboard/s3-staging}: a place that survives a reboot, unlike the temporary directory,
   * so that a restarted trainer finds what its killed predecessor had not uploaded.
   */
  public static Path defaultStagingDirectory() {
    String explicit = System.getenv("RUNBOARD_S3_STAGING");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String cache = System.getenv("XDG_CACHE_HOME");
    Path base = cache != null && !cache.isBlank()
        ? Path.of(cache)
        : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("runboard").resolve("s3-staging");
  }

  public S3WriterOptions withFlushInterval(Duration value) {
    return new S3WriterOptions(value, settings, stagingDirectory, multipartThreshold, partSize, retryInitialDelay, retryMaxDelay, closeTimeout, traffic);
  }

  public S3WriterOptions withSettings(S3Settings value) {
    return new S3WriterOptions(flushInterval, value, stagingDirectory, multipartThreshold, partSize, retryInitialDelay, retryMaxDelay, closeTimeout, traffic);
  }

  public S3WriterOptions withStagingDirectory(Path value) {
    return new S3WriterOptions(flushInterval, settings, value, multipartThreshold, partSize, retryInitialDelay, retryMaxDelay, closeTimeout, traffic);
  }

  public S3WriterOptions withMultipart(long threshold, long part) {
    return new S3WriterOptions(flushInterval, settings, stagingDirectory, threshold, part, retryInitialDelay, retryMaxDelay, closeTimeout, traffic);
  }

  public S3WriterOptions withRetryDelays(Duration initial, Duration max) {
    return new S3WriterOptions(flushInterval, settings, stagingDirectory, multipartThreshold, partSize, initial, max, closeTimeout, traffic);
  }

  public S3WriterOptions withCloseTimeout(Duration value) {
    return new S3WriterOptions(flushInterval, settings, stagingDirectory, multipartThreshold, partSize, retryInitialDelay, retryMaxDelay, value, traffic);
  }

  public S3WriterOptions withTraffic(S3Traffic value) {
    return new S3WriterOptions(flushInterval, settings, stagingDirectory, multipartThreshold, partSize, retryInitialDelay, retryMaxDelay, closeTimeout, value);
  }

  /** The staging directory of one run: {@code <stagingDirectory>/<bucket>/<prefix>}. */
  public Path stagingFor(S3Location run) {
    Path dir = stagingDirectory.resolve(run.bucket());
    for (String part : run.prefix().split("/")) {
      if (!part.isEmpty()) {
        dir = dir.resolve(part);
      }
    }
    return dir;
  }
}
