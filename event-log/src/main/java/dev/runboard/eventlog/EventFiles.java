package dev.runboard.eventlog;

import java.io.IOException;
import java.nio.file.Path;

/** The event file formats a run directory may hold, recognised by file name. */
public final class EventFiles {
  private EventFiles() {}

  /** Whether the file name is one of a supported event file format. */
  public static boolean isEventFile(Path file) {
    return EventLogFiles.isEventLog(file);
  }

  /** A tail on the file, reading from its start, for the format its name says. */
  public static EventFileTail open(Path file) throws IOException {
    if (EventLogFiles.isEventLog(file)) {
      return new EventLogTail(file);
    }
    throw new IllegalArgumentException("not an event file: " + file);
  }
}
