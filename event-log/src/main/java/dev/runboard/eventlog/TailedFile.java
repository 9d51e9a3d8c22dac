package dev.runboard.eventlog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The file side of an {@link EventFileTail}: opens the file through its {@link LogFileSource} when
 * needed and closes it on {@link #release()}, checks on each reopen that it is still the same file,
 * notices when it got shorter than what was read, caps it at a read limit, and tracks since when
 * its size has not changed (the stall rule). Shared by the Arrow and tfevents tails; not meant for
 * other callers.
 */
public final class TailedFile implements Closeable {
  private final LogFileSource source;
  private final ReadOptions options;
  private LogFileHandle handle;
  private boolean everOpened;
  private Object identity;
  private long readLimit = Long.MAX_VALUE;
  /** The largest size seen: what the tail has based its reading on. */
  private long largestSize;
  private long lastSize = -1;
  private Instant unchangedSince;

  public TailedFile(LogFileSource source, ReadOptions options) {
    this.source = Objects.requireNonNull(source, "source");
    this.options = Objects.requireNonNull(options, "options");
  }

  public Path path() {
    return source.path();
  }

  public ReadOptions options() {
    return options;
  }

  /** Opens the file unless it is open. */
  public void open() throws IOException {
    handle();
  }

  private LogFileHandle handle() throws IOException {
    if (handle != null) {
      return handle;
    }
    LogFileHandle opened = source.open();
    Object openedIdentity = opened.identity();
    if (everOpened && identity != null && !identity.equals(openedIdentity)) {
      opened.close();
      throw new FileTruncatedException(
          path() + " was replaced by another file (identity " + identity + ", now "
              + openedIdentity + "): read it again from the start");
    }
    if (!everOpened) {
      identity = openedIdentity;
      everOpened = true;
    }
    handle = opened;
    return opened;
  }

  /**
   * The file's size now, capped at the read limit, opening the file if needed.
   *
   * @throws FileTruncatedException when it is shorter than a size seen before, or was replaced
   */
  public long size() throws IOException {
    long actual = handle().size();
    long size = Math.min(actual, readLimit);
    if (size < largestSize) {
      throw new FileTruncatedException(
          path() + " is now " + actual + " bytes long, shorter than the " + largestSize
              + " bytes already read: read it again from the start");
    }
    largestSize = size;
    if (size != lastSize) {
      lastSize = size;
      unchangedSince = options.clock().instant();
    }
    return size;
  }

  /** True when the size has not changed for the stall grace, as of the last {@link #size()}. */
  public boolean stalled() {
    return unchangedSince != null
        && Duration.between(unchangedSince, options.clock().instant()).compareTo(options.stallGrace()) >= 0;
  }

  /** For problem messages: how long the file has not changed. */
  public String stallDescription() {
    Duration unchanged = unchangedSince == null
        ? Duration.ZERO
        : Duration.between(unchangedSince, options.clock().instant());
    return "the file has not grown for " + unchanged.toSeconds() + " s";
  }

  /** Behave as if the file were at most {@code limit} bytes long. */
  public void setReadLimit(long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("read limit must not be negative, was " + limit);
    }
    readLimit = limit;
  }

  /**
   * Fills {@code dst} from {@code position}; the caller has checked against {@link #size()} that
   * the bytes exist.
   *
   * @throws FileTruncatedException when the file ends before (it shrank since)
   */
  public void readFully(ByteBuffer dst, long position) throws IOException {
    LogFileHandle h = handle();
    long at = position;
    while (dst.hasRemaining()) {
      int read = h.read(dst, at);
      if (read < 0) {
        throw new FileTruncatedException(
            path() + " ended at byte " + at + " while reading bytes it held before: read it again"
                + " from the start");
      }
      at += read;
    }
  }

  /** Closes the handle; the next read or {@link #size()} reopens the file. */
  public void release() throws IOException {
    LogFileHandle h = handle;
    handle = null;
    if (h != null) {
      h.close();
    }
  }

  @Override
  public void close() throws IOException {
    release();
  }
}
