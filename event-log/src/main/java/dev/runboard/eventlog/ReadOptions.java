package dev.runboard.eventlog;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits for reading untrusted files. Start from {@link #defaults()} and change what you need with
 * the {@code with…} methods.
 *
 * @param maxRecordBytes the largest tfevents record or Arrow message (metadata or body) a reader
 *     reads; a larger one is skipped and reported, without being allocated. At most 2 GiB - 64.
 * @param stallGrace how long a record whose header claims more bytes than the file holds is
 *     treated as being written: once the file has not grown for this long, the record is reported
 *     (and, in tfevents files, skipped so that the records after it are read)
 * @param clock the time of problems and of the stall rule (tests pass a controllable clock)
 */
public record ReadOptions(long maxRecordBytes, Duration stallGrace, Clock clock) {
  public static final long DEFAULT_MAX_RECORD_BYTES = 64L << 20;
  public static final Duration DEFAULT_STALL_GRACE = Duration.ofSeconds(10);
  /** Records are read into byte arrays, and the framing adds a few bytes. */
  public static final long MAX_RECORD_BYTES_LIMIT = Integer.MAX_VALUE - 64;

  public ReadOptions {
    Objects.requireNonNull(stallGrace, "stallGrace");
    Objects.requireNonNull(clock, "clock");
    if (maxRecordBytes < 1 || maxRecordBytes > MAX_RECORD_BYTES_LIMIT) {
      throw new IllegalArgumentException(
          "maxRecordBytes must be between 1 and " + MAX_RECORD_BYTES_LIMIT + ", was " + maxRecordBytes);
    }
    if (stallGrace.isNegative()) {
      throw new IllegalArgumentException("stallGrace must not be negative, was " + stallGrace);
    }
  }

  /** 64 MiB records, 10 s stall grace, the system clock (UTC). */
  public static ReadOptions defaults() {
    return new ReadOptions(DEFAULT_MAX_RECORD_BYTES, DEFAULT_STALL_GRACE, Clock.systemUTC());
  }

  public ReadOptions withMaxRecordBytes(long bytes) {
    return new ReadOptions(bytes, stallGrace, clock);
  }

  public ReadOptions withStallGrace(Duration grace) {
    return new ReadOptions(maxRecordBytes, grace, clock);
  }

  public ReadOptions withClock(Clock clock) {
    return new ReadOptions(maxRecordBytes, stallGrace, clock);
  }
}
