package dev.runboard.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the index does with Arrow logs: read every event through a sink with its source, forget it,
 * and read it again later from the file with {@link EventFiles#readEvent}.
 */
class ReadEventTest {
  @TempDir Path dir;

  @Test
  void everyEventOfEveryKindReadsAgainFromItsSource() throws IOException {
    Random random = new Random(3);
    String session;
    try (EventLogWriter writer = TestLogs.manualWriter(dir)) {
      session = writer.session();
      for (int batch = 0; batch < 3; batch++) {
        for (int i = 0; i < 3; i++) {
          byte[] png = new byte[1000 + i];
          random.nextBytes(png);
          writer.write(new ImageEvent("samples/" + (batch + i) % 4, batch, batch + i, png, "image/png", 8, 8, 3));
          writer.write(new TextEvent("notes/" + i, batch, batch, "note " + batch + "." + i));
          writer.write(new HistogramEvent("w" + batch, i, batch, Histogram.of(new float[] {i, batch, 3})));
          writer.write(new TensorEvent("pr/" + i, batch, batch, "pr_curves", new byte[] {(byte) i},
              TensorValue.ofFloats(new long[] {2}, new float[] {batch, i})));
          writer.write(new BlobEvent("clip", batch, batch, "audio", new byte[0], i, "audio/wav", new byte[] {(byte) batch, (byte) i}));
        }
        writer.write(graph(batch, 2));
        writer.write(graph(batch + 10, 3));
        writer.flush(); // one record batch per kind
      }
    }
    int checked = 0;
    for (EventKind kind :
        List.of(EventKind.IMAGE, EventKind.TEXT, EventKind.HISTOGRAM, EventKind.TENSOR, EventKind.BLOB, EventKind.GRAPH)) {
      Path file = TestLogs.files(dir, session, kind).get(0);
      List<LogEvent> polled;
      try (EventLogTail tail = new EventLogTail(file)) {
        polled = tail.poll();
      }
      CollectingSink sink = new CollectingSink();
      try (EventFileTail tail = EventFiles.open(file)) {
        tail.poll(sink);
        assertThat(tail.drainProblems()).isEmpty();
      }
      assertThat(sink.events).as(kind.fileName()).containsExactlyElementsOf(polled);
      for (int i = 0; i < sink.events.size(); i++) {
        assertThat(EventFiles.readEvent(LogFileSource.local(file), sink.sources.get(i), null, ReadOptions.defaults()))
            .as("%s at %s", kind.fileName(), sink.sources.get(i))
            .isEqualTo(sink.events.get(i));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(5 * 9 + 6);
  }

  /** A graph's rows are its nodes: the source is its first row, and any of its rows finds it. */
  @Test
  void anyRowOfAGraphReadsTheWholeGraph() throws IOException {
    String session;
    GraphEvent small = graph(1, 2);
    GraphEvent large = graph(2, 4);
    try (EventLogWriter writer = TestLogs.manualWriter(dir)) {
      session = writer.session();
      writer.write(small);
      writer.write(large);
      writer.flush();
    }
    Path file = TestLogs.files(dir, session, EventKind.GRAPH).get(0);
    CollectingSink sink = new CollectingSink();
    try (EventFileTail tail = EventFiles.open(file)) {
      tail.poll(sink);
    }
    assertThat(sink.events).containsExactly(small, large);
    EventSource second = sink.sources.get(1);
    assertThat(second.index()).isEqualTo(2);
    for (int row = 2; row < 6; row++) {
      EventSource source = new EventSource(second.offset(), second.length(), row);
      assertThat(EventFiles.readEvent(LogFileSource.local(file), source, null, ReadOptions.defaults())).isEqualTo(large);
    }
    EventSource first = new EventSource(second.offset(), second.length(), 1);
    assertThat(EventFiles.readEvent(LogFileSource.local(file), first, null, ReadOptions.defaults())).isEqualTo(small);
  }

  /**
   * Reading the last image of a file reads the dictionaries and the metadata of the batches before
   * it, not their images.
   */
  @Test
  void readingOneEventSkipsTheBodiesOfTheBatchesBeforeIt() throws IOException {
    Random random = new Random(5);
    String session;
    try (EventLogWriter writer = TestLogs.manualWriter(dir)) {
      session = writer.session();
      for (int i = 0; i < 10; i++) {
        byte[] png = new byte[200_000];
        random.nextBytes(png);
        writer.write(new ImageEvent("frame" + i, i, i, png, "image/png", 0, 0, 0));
        writer.flush();
      }
    }
    Path file = TestLogs.files(dir, session, EventKind.IMAGE).get(0);
    CollectingSink sink = new CollectingSink();
    try (EventFileTail tail = EventFiles.open(file)) {
      tail.poll(sink);
    }
    CountingLogFile counting = new CountingLogFile(file);
    LogEvent last = EventFiles.readEvent(counting, sink.sources.get(9), null, ReadOptions.defaults());
    assertThat(last).isEqualTo(sink.events.get(9));
    assertThat(counting.bytesRead()).as("bytes read of %d", Files.size(file)).isLessThan(250_000);
    assertThat(counting.openHandles()).isZero();
  }

  @Test
  void aSourceThatIsNotARecordBatchOfTheFileIsAClearError() throws IOException {
    String session;
    try (EventLogWriter writer = TestLogs.manualWriter(dir)) {
      session = writer.session();
      writer.write(new TextEvent("notes", 1, 1, "one"));
      writer.flush();
    }
    Path file = TestLogs.files(dir, session, EventKind.TEXT).get(0);
    CollectingSink sink = new CollectingSink();
    try (EventFileTail tail = EventFiles.open(file)) {
      tail.poll(sink);
    }
    EventSource source = sink.sources.get(0);
    LogFileSource local = LogFileSource.local(file);
    List<EventSource> wrong = new ArrayList<>();
    wrong.add(new EventSource(source.offset(), source.length() - 8, 0)); // not the message's length
    wrong.add(new EventSource(source.offset() + 8, source.length() - 8, 0)); // not a message start
    wrong.add(new EventSource(source.offset(), source.length(), 1)); // no such row
    wrong.add(new EventSource(TestLogs.messages(file).get(1).offset(), TestLogs.messages(file).get(1).length(), 0)); // the dictionary
    for (EventSource bad : wrong) {
      assertThatThrownBy(() -> EventFiles.readEvent(local, bad, null, ReadOptions.defaults()))
          .as("%s", bad)
          .isInstanceOf(EventLogFormatException.class)
          .hasMessageContaining(file.toString());
    }
    EventSource beyond = new EventSource(Files.size(file), 100, 0);
    assertThatThrownBy(() -> EventFiles.readEvent(local, beyond, null, ReadOptions.defaults()))
        .isInstanceOf(FileTruncatedException.class);
  }

  private static GraphEvent graph(int seed, int nodes) {
    List<GraphNode> list = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      list.add(new GraphNode("n" + seed + "_" + i, "Dense", i == 0 ? List.of() : List.of("n" + seed + "_" + (i - 1)),
          List.of(-1L, (long) seed), seed * 10L + i, Map.of("k", "v" + i)));
    }
    return new GraphEvent(seed, new ModelGraph(list));
  }
}
