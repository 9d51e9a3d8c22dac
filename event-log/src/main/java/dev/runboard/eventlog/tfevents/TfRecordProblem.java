package dev.runboard.eventlog.tfevents;

import java.nio.file.Path;

/**
 * Something wrong in a tfevents file that was skipped rather than allowed to stop the run: a
 * record whose checksum does not match, bytes that are not a record, an event that does not
 * decode.
 *
 * @param offset byte offset in the file of the record (or of the first unreadable byte)
 */
public record TfRecordProblem(Path file, long offset, String message) {
  @Override
  public String toString() {
    return file + " at byte " + offset + ": " + message;
  }
}
