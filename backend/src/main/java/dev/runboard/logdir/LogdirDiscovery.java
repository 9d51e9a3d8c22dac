package dev.runboard.logdir;

import java.time.Duration;
import java.time.Instant;

/**
 * Tells the index what one logdir holds and what changes in it: {@link LogdirWatcher} for a local
 * directory, {@link S3Discovery} for object storage. Several may feed one index (a {@code
 * --logdir_spec}), each owning the runs of its own name prefix.
 */
public interface LogdirDiscovery extends AutoCloseable {
  /** Starts discovery in the background: returns at once. */
  void start();

  /** False when discovery stopped for good (the index would go stale). */
  boolean healthy();

  /** What the status API shows about this logdir. */
  Status status();

  @Override
  void close();

  /**
   * @param name the logdir's run-name prefix (empty for a single logdir)
   * @param location the directory or {@code s3://} prefix
   * @param kind {@code local} or {@code s3}
   * @param mode {@code notify} (file-system notifications), {@code poll} or {@code list}
   * @param interval how often the logdir is walked or listed
   * @param lastPass when the last walk or listing completed; null before the first
   * @param files event files found by the last pass
   * @param lastError why the last pass failed; null when it did not
   */
  record Status(
      String name, String location, String kind, String mode, Duration interval, Instant lastPass,
      long files, String lastError) {}
}
