package dev.runboard.eventlog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Follows one event file, of any supported format, while a writer may still be appending to it.
 * Each poll reads the records completed since the previous one, exactly once, in file order; an
 * incomplete tail is left for a later poll.
 *
 * <p>Two ways to read: {@link #poll()} returns event objects and throws on damage (simple callers,
 * tools); {@link #poll(EventSink)} is the indexing path: scalars as columns, every other event with
 * its {@link EventSource}, and damage reported through {@link #drainProblems()} instead of thrown.
 *
 * <p>A tail can hold thousands of idle files cheaply: between polls it keeps no read buffers and
 * no Arrow memory, and {@link #releaseHandle()} closes its OS handle as well. A file replaced under
 * the same name is noticed when the tail next opens it (after {@code releaseHandle()}); while it
 * holds the handle it keeps reading the file it opened.
 *
 * <p>Not thread-safe: one thread polls a tail.
 */
public interface EventFileTail extends Closeable {
  Path file();

  /**
   * The events completed since the last call, in file order.
   *
   * @throws EventLogFormatException when an Arrow log is corrupt or of a foreign format; the
   *     message names the file and byte offset. Events before the damage are returned by earlier
   *     calls. (tfevents damage is reported through {@link #drainProblems()} and skipped.)
   */
  List<? extends LogEvent> poll() throws IOException;

  /**
   * Reads every complete record or message available since the last poll into {@code sink}.
   * Content damage never throws: it becomes a {@link FileProblem} ({@link #drainProblems()}), and
   * where the format cannot resynchronise (Arrow) the tail stops ({@link #done()}). Exceptions the
   * sink throws propagate; the record being delivered then counts as read.
   *
   * @throws FileTruncatedException when the file is now shorter than what was read, or was
   *     replaced by another file: read it again from the start with a new tail
   * @throws IOException when reading fails
   */
  void poll(EventSink sink) throws IOException;

  /**
   * The problems found since the last call, in file order. At most {@value ProblemLog#MAX_KEPT}
   * are kept between calls, then one summary problem counts the rest.
   */
  List<FileProblem> drainProblems();

  /**
   * True when nothing more will ever be read: the Arrow end-of-stream marker was read, or damage
   * stopped the file. Never true for tfevents files, which have no end marker.
   */
  boolean done();

  /** Bytes consumed: every complete record before this offset was delivered or reported. */
  long offset();

  /**
   * Behave as if the file were at most {@code limit} bytes long: to read a file again exactly up
   * to where an earlier tail had got (its {@link #offset()}, a record boundary).
   */
  void setReadLimit(long limit);

  /**
   * Closes the OS handle and keeps every reading state (offset, tag dictionary, plugin names,
   * resync position). The next poll reopens the file and checks that it is the same file and no
   * shorter ({@link FileTruncatedException} otherwise).
   */
  void releaseHandle() throws IOException;

  /**
   * After a poll: a description (file, byte offset, byte count) of an incomplete record at the end
   * of the file, left there by a writer that is in the middle of writing it or was killed while
   * doing so. Empty when the file ends on a record boundary. The incomplete record is read once
   * the file has grown to hold all of it.
   */
  default Optional<String> tornTail() {
    return Optional.empty();
  }
}
