package dev.runboard.eventlog.tfevents;

import dev.runboard.eventlog.EventLogFormatException;
import dev.runboard.eventlog.EventSource;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.LogFileSource;
import dev.runboard.eventlog.ReadOptions;
import dev.runboard.eventlog.TailedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** TensorBoard event files: which files are, and reading one event again. */
public final class TfEventsFiles {
  private TfEventsFiles() {}

  /** TensorBoard's rule: any file whose name contains "tfevents". */
  public static boolean isTfEventsFile(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().contains("tfevents");
  }

  /**
   * The event at {@code source}, read again from the file: the one record, both checksums
   * verified, decoded alone. {@code pluginHint} stands in for the plugin of values whose metadata
   * the record does not carry (TensorFlow 2 writes a tag's plugin only with its first value, so a
   * text or image record read alone would not be recognised otherwise).
   *
   * @throws EventLogFormatException when there is no such record or event
   */
  public static LogEvent readEvent(
      LogFileSource file, EventSource source, String pluginHint, ReadOptions options) throws IOException {
    try (TailedFile tailed = new TailedFile(file, options)) {
      byte[] payload = TfRecordReader.readOne(tailed, source);
      List<LogEvent> events = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      new TfEventDecoder(options.maxRecordBytes(), pluginHint == null ? "" : pluginHint)
          .decode(ByteBuffer.wrap(payload), events, problems::add);
      if (source.index() >= events.size()) {
        throw new EventLogFormatException(
            file.path() + ": the record at byte " + source.offset() + " decodes to " + events.size()
                + " events, there is no event " + source.index()
                + (problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")"));
      }
      return events.get(source.index());
    }
  }
}
