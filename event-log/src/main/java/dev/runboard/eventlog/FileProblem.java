package dev.runboard.eventlog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Something wrong in a file that was reported and skipped (or that stopped the file): a record
 * whose checksum fails, bytes that are not a record, a record over the size limit, an event that
 * does not decode, a record that never completes.
 *
 * @param offset byte offset in the file of the record or message (or of the first unreadable byte)
 * @param time when the reader found it
 */
public record FileProblem(Path file, long offset, String message, Instant time) {
  public FileProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(time, "time");
  }

  @Override
  public String toString() {
    return file + " at byte " + offset + ": " + message;
  }
}
