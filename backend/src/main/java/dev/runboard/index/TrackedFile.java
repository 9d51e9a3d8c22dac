package dev.runboard.index;

import dev.runboard.eventlog.EventFileTail;
import dev.runboard.eventlog.LogFileSource;
import java.io.IOException;

/**
 * One log file of a run and how far it has been read. Its tail keeps the reading state between
 * polls but no OS handle; a finished file (an Arrow segment past its end marker, or one damage
 * stopped) keeps neither: it is never read again. Guarded by its run's lock.
 */
final class TrackedFile {
  final int id;
  final String name;
  final LogFileSource source;
  EventFileTail tail;
  /** Bytes read: every complete record before this offset has been indexed. */
  long offset;
  /** The size last seen, for the status' bytes_total. */
  long size;
  boolean done;
  boolean removed;

  TrackedFile(int id, String name, LogFileSource source) {
    this.id = id;
    this.name = name;
    this.source = source;
  }

  void closeTail() {
    if (tail != null) {
      try {
        tail.close();
      } catch (IOException e) {
        // Closing a read-only file: nothing was lost.
      }
      tail = null;
    }
  }
}
