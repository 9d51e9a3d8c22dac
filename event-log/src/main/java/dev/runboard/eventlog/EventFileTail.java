package dev.runboard.eventlog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Follows one event file, of any supported format, while a writer may still be appending to it.
 * Each {@link #poll()} returns the events completed since the previous one, exactly once, in file
 * order; an incomplete tail is left for a later poll.
 */
public interface EventFileTail extends Closeable {
  Path file();

  /**
   * The events completed since the last call, in file order.
   *
   * @throws EventLogFormatException when the file is corrupt or of a foreign format; the message
   *     names the file and byte offset. Events before the damage are returned by earlier calls.
   */
  List<? extends LogEvent> poll() throws IOException;

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
