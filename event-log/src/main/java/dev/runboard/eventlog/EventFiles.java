package dev.runboard.eventlog;

import dev.runboard.eventlog.tfevents.TfEventsFiles;
import dev.runboard.eventlog.tfevents.TfEventsTail;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The event file formats a run directory may hold, recognised by file name: Runboard's Arrow logs
 * and TensorBoard's tfevents files.
 */
public final class EventFiles {
  private EventFiles() {}

  /** Whether the file name is one of a supported event file format. */
  public static boolean isEventFile(Path file) {
    return EventLogFiles.isEventLog(file) || TfEventsFiles.isTfEventsFile(file);
  }

  /** A tail on the file, reading from its start, for the format its name says. */
  public static EventFileTail open(Path file) throws IOException {
    if (EventLogFiles.isEventLog(file)) {
      return new EventLogTail(file);
    }
    if (TfEventsFiles.isTfEventsFile(file)) {
      return new TfEventsTail(file);
    }
    throw new IllegalArgumentException("not an event file: " + file);
  }
}
