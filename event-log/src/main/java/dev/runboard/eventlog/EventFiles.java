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

  /** A tail on the local file, reading from its start, for the format its name says. */
  public static EventFileTail open(Path file) throws IOException {
    return open(file, ReadOptions.defaults());
  }

  /** A tail on the local file with the given read limits. */
  public static EventFileTail open(Path file, ReadOptions options) throws IOException {
    return open(LogFileSource.local(file), options);
  }

  /**
   * A tail on the file, reading from its start, for the format its name ({@link
   * LogFileSource#path()}) says. Opens the file right away.
   *
   * @throws IllegalArgumentException when the name is not an event file's
   */
  public static EventFileTail open(LogFileSource file, ReadOptions options) throws IOException {
    if (EventLogFiles.isEventLog(file.path())) {
      return new EventLogTail(file, options);
    }
    if (TfEventsFiles.isTfEventsFile(file.path())) {
      return new TfEventsTail(file, options);
    }
    throw new IllegalArgumentException("not an event file: " + file.path());
  }

  /**
   * The event at {@code source}, read again from the file (to serve an evicted image or text
   * without keeping it in memory). Reads are bounded by {@link ReadOptions#maxRecordBytes()}, and
   * no length is trusted beyond the file.
   *
   * <ul>
   *   <li>Arrow logs: reads the schema at byte 0 and the dictionary batches before {@code
   *       source.offset()} (the other batches are skipped unread), then decodes the record batch
   *       at {@code source.offset()} and returns row {@code source.index()}. For a graph, whose
   *       rows are its nodes, that is the graph whose rows include the row.
   *   <li>tfevents: reads the one record, verifies both checksums, decodes it and returns event
   *       {@code source.index()}. {@code pluginHint} is the plugin the caller knows for the event's
   *       tag: TensorFlow 2 writes a tag's plugin only with its first value, so a record decoded
   *       alone would not know that its tensor is text or images otherwise (null or empty: none).
   * </ul>
   *
   * @throws EventLogFormatException when the file holds no such event (the message says why)
   * @throws FileTruncatedException when the file is shorter than the source says
   */
  public static LogEvent readEvent(
      LogFileSource file, EventSource source, String pluginHint, ReadOptions options) throws IOException {
    if (EventLogFiles.isEventLog(file.path())) {
      try (EventLogTail tail = new EventLogTail(file, options)) {
        return tail.readAt(source);
      }
    }
    if (TfEventsFiles.isTfEventsFile(file.path())) {
      return TfEventsFiles.readEvent(file, source, pluginHint, options);
    }
    throw new IllegalArgumentException("not an event file: " + file.path());
  }
}
