package dev.runboard.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/** Writing and reading logs in tests. */
final class TestLogs {
  private TestLogs() {}

  static List<ScalarEvent> sampleScalars(int n) {
    List<ScalarEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String tag = i % 3 == 0 ? "batch_loss" : i % 3 == 1 ? "batch_accuracy" : "learning_rate";
      events.add(new ScalarEvent(tag, i / 3, 1_700_000_000.25 + i, Math.sin(i) * 1e3));
    }
    return events;
  }

  /** A writer that flushes only when told to (the interval is an hour). */
  static EventLogWriter manualWriter(Path runDirectory) throws IOException {
    return EventLogWriter.open(
        runDirectory, EventLogWriterOptions.defaults().withFlushInterval(Duration.ofHours(1)));
  }

  /**
   * Writes the events in a new session, one record batch per {@code batchRows}, and returns the
   * scalar segment file.
   */
  static Path writeScalars(Path runDirectory, List<ScalarEvent> events, int batchRows)
      throws IOException {
    String session;
    try (EventLogWriter writer = manualWriter(runDirectory)) {
      session = writer.session();
      for (int i = 0; i < events.size(); i++) {
        writer.write(events.get(i));
        if (i % batchRows == batchRows - 1) {
          writer.flush();
        }
      }
    }
    List<Path> files = files(runDirectory, session, EventKind.SCALAR);
    assertThat(files).hasSize(1);
    return files.get(0);
  }

  /** A session's segment files of one kind, in order. */
  static List<Path> files(Path runDirectory, String session, EventKind kind) throws IOException {
    try (Stream<Path> files = Files.list(runDirectory)) {
      return files
          .filter(
              f ->
                  EventLogFiles.parse(f)
                      .filter(n -> n.session().equals(session) && n.kind() == kind)
                      .isPresent())
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** Every event of every file in the run directory, file by file in name order. */
  static List<LogEvent> readRun(Path runDirectory) throws IOException {
    List<LogEvent> events = new ArrayList<>();
    try (Stream<Path> listing = Files.list(runDirectory)) {
      for (Path file : listing.filter(EventFiles::isEventFile).sorted().collect(Collectors.toList())) {
        try (EventLogTail tail = new EventLogTail(file)) {
          events.addAll(tail.poll());
          assertThat(tail.ended()).as("%s ended", file).isTrue();
        }
      }
    }
    return events;
  }

  /** One IPC message of a log file: where it is, how long, its type (Arrow's MessageHeader). */
  record Message(long offset, long length, byte type) {
    long end() {
      return offset + length;
    }
  }

  /** The messages of a whole, well-formed log file, end-of-stream marker excluded. */
  static List<Message> messages(Path file) throws IOException {
    List<Message> messages = new ArrayList<>();
    try (TailedFile tailed = new TailedFile(LogFileSource.local(file), ReadOptions.defaults())) {
      long size = tailed.size();
      long offset = 0;
      while (offset < size) {
        ArrowFrame frame = ArrowFrame.read(tailed, offset, size, ReadOptions.defaults().maxRecordBytes());
        if (frame.kind() != ArrowFrame.Kind.MESSAGE) {
          break;
        }
        messages.add(new Message(offset, frame.totalLength(), frame.headerType()));
        offset += frame.totalLength();
      }
    }
    return messages;
  }

  static <T extends LogEvent> List<T> only(List<LogEvent> events, Class<T> kind) {
    return events.stream().filter(kind::isInstance).map(kind::cast).collect(Collectors.toList());
  }

  /**
   * Reads a scalar segment with Arrow's stock stream reader and dictionary decoder, independent
   * of {@link EventLogTail}.
   */
  static List<ScalarEvent> readWithArrowStreamReader(Path file) throws IOException {
    List<ScalarEvent> events = new ArrayList<>();
    try (RootAllocator allocator = new RootAllocator();
        FileChannel channel = FileChannel.open(file);
        ArrowStreamReader reader = new ArrowStreamReader(channel, allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      assertThat(root.getSchema().getCustomMetadata())
          .containsEntry("runboard.kind", "scalar")
          .containsEntry("runboard.format_version", "2");
      while (reader.loadNextBatch()) {
        FieldVector indices = root.getVector("tag");
        Dictionary dictionary = reader.getDictionaryVectors().get(0L);
        try (VarCharVector tags = (VarCharVector) DictionaryEncoder.decode(indices, dictionary)) {
          BigIntVector steps = (BigIntVector) root.getVector("step");
          Float8Vector walls = (Float8Vector) root.getVector("wall_time");
          Float8Vector values = (Float8Vector) root.getVector("value");
          for (int i = 0; i < root.getRowCount(); i++) {
            events.add(
                new ScalarEvent(
                    tags.getObject(i).toString(), steps.get(i), walls.get(i), values.get(i)));
          }
        }
      }
    }
    return events;
  }
}
