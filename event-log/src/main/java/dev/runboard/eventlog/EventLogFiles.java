package dev.runboard.eventlog;

import java.nio.file.Path;
import java.time.Instant;

/**
 * File naming inside a run directory. Each writer session creates a fresh file, because an Arrow
 * IPC stream cannot be reopened for appending once it is closed: {@code events.<millis>.<pid>.arrows}
 * (".arrows" is the registered extension of the Arrow IPC stream format).
 */
public final class EventLogFiles {
  public static final String PREFIX = "events.";
  public static final String SUFFIX = ".arrows";

  private EventLogFiles() {}

  /** Whether a file name is a Runboard event log written by {@link ScalarLogWriter}. */
  public static boolean isEventLog(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
  }

  /**
   * A file name that sorts by creation time; {@code attempt} disambiguates two writers opened by
   * one process in the same millisecond (the caller creates with CREATE_NEW and retries).
   */
  static String fileName(Instant created, long pid, int attempt) {
    return PREFIX + String.format("%013d", created.toEpochMilli()) + "." + pid + "." + attempt + SUFFIX;
  }
}
