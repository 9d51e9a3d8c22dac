package dev.runboard.eventlog;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link EventLogWriter} buffers, flushes, rotates and syncs. Start from {@link
 * #defaults()} and change what you need with the {@code with…} methods.
 *
 * @param flushInterval the background thread writes whatever was logged at least this often
 * @param queueCapacity scalar rows buffered in memory before logging blocks; they are held in 4
 *     buffers of {@code queueCapacity / 4} rows, and a full buffer becomes one record batch
 * @param maxPendingEvents non-scalar events (histograms, images…) buffered before logging blocks
 * @param enqueueTimeout how long logging blocks on a full queue before it throws {@link
 *     EventLogQueueFullException}
 * @param segmentMaxBytes a segment file is finished and the next one started once it is this big
 * @param fsyncPolicy when written bytes are forced to the disk
 * @param resumeStep the step this session starts from, recorded in its {@code START} session event
 *     (0 for a fresh run; the checkpoint's step for a resumed one)
 * @param clock wall time for events logged without one, and for session events
 */
public record EventLogWriterOptions(
    Duration flushInterval,
    int queueCapacity,
    int maxPendingEvents,
    Duration enqueueTimeout,
    long segmentMaxBytes,
    FsyncPolicy fsyncPolicy,
    long resumeStep,
    Clock clock) {

  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(500);
  public static final int DEFAULT_QUEUE_CAPACITY = 1 << 18;
  public static final int DEFAULT_MAX_PENDING_EVENTS = 1024;
  public static final Duration DEFAULT_ENQUEUE_TIMEOUT = Duration.ofSeconds(30);
  public static final long DEFAULT_SEGMENT_MAX_BYTES = 64L << 20;

  public EventLogWriterOptions {
    Objects.requireNonNull(flushInterval, "flushInterval");
    Objects.requireNonNull(enqueueTimeout, "enqueueTimeout");
    Objects.requireNonNull(fsyncPolicy, "fsyncPolicy");
    Objects.requireNonNull(clock, "clock");
    if (flushInterval.isNegative() || flushInterval.isZero()) {
      throw new IllegalArgumentException("flushInterval must be positive, was " + flushInterval);
    }
    if (enqueueTimeout.isNegative()) {
      throw new IllegalArgumentException("enqueueTimeout must not be negative, was " + enqueueTimeout);
    }
    if (queueCapacity < 4) {
      throw new IllegalArgumentException("queueCapacity must be at least 4 rows, was " + queueCapacity);
    }
    if (maxPendingEvents < 1) {
      throw new IllegalArgumentException("maxPendingEvents must be positive, was " + maxPendingEvents);
    }
    if (segmentMaxBytes < 1) {
      throw new IllegalArgumentException("segmentMaxBytes must be positive, was " + segmentMaxBytes);
    }
  }

  public static EventLogWriterOptions defaults() {
    return new EventLogWriterOptions(
        DEFAULT_FLUSH_INTERVAL,
        DEFAULT_QUEUE_CAPACITY,
        DEFAULT_MAX_PENDING_EVENTS,
        DEFAULT_ENQUEUE_TIMEOUT,
        DEFAULT_SEGMENT_MAX_BYTES,
        FsyncPolicy.PER_SEGMENT,
        0,
        Clock.systemUTC());
  }

  public EventLogWriterOptions withFlushInterval(Duration value) {
    return new EventLogWriterOptions(value, queueCapacity, maxPendingEvents, enqueueTimeout, segmentMaxBytes, fsyncPolicy, resumeStep, clock);
  }

  public EventLogWriterOptions withQueueCapacity(int value) {
    return new EventLogWriterOptions(flushInterval, value, maxPendingEvents, enqueueTimeout, segmentMaxBytes, fsyncPolicy, resumeStep, clock);
  }

  public EventLogWriterOptions withMaxPendingEvents(int value) {
    return new EventLogWriterOptions(flushInterval, queueCapacity, value, enqueueTimeout, segmentMaxBytes, fsyncPolicy, resumeStep, clock);
  }

  public EventLogWriterOptions withEnqueueTimeout(Duration value) {
    return new EventLogWriterOptions(flushInterval, queueCapacity, maxPendingEvents, value, segmentMaxBytes, fsyncPolicy, resumeStep, clock);
  }

  public EventLogWriterOptions withSegmentMaxBytes(long value) {
    return new EventLogWriterOptions(flushInterval, queueCapacity, maxPendingEvents, enqueueTimeout, value, fsyncPolicy, resumeStep, clock);
  }

  public EventLogWriterOptions withFsyncPolicy(FsyncPolicy value) {
    return new EventLogWriterOptions(flushInterval, queueCapacity, maxPendingEvents, enqueueTimeout, segmentMaxBytes, value, resumeStep, clock);
  }

  public EventLogWriterOptions withResumeStep(long value) {
    return new EventLogWriterOptions(flushInterval, queueCapacity, maxPendingEvents, enqueueTimeout, segmentMaxBytes, fsyncPolicy, value, clock);
  }

  public EventLogWriterOptions withClock(Clock value) {
    return new EventLogWriterOptions(flushInterval, queueCapacity, maxPendingEvents, enqueueTimeout, segmentMaxBytes, fsyncPolicy, resumeStep, value);
  }

  /** Rows per scalar buffer: the queue is four of them, so one can fill while three are written. */
  int bufferRows() {
    return queueCapacity / 4;
  }
}
