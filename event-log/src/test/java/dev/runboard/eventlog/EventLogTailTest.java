package dev.runboard.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTailTest {
  @TempDir Path dir;

  @Test
  void pollReturnsOnlyRowsFlushedSinceThePreviousPoll() throws IOException {
    try (EventLogWriter writer = TestLogs.manualWriter(dir)) {
      writer.scalar("loss", 1, 10.0, 0.9);
      writer.scalar("loss", 2, 11.0, 0.8);
      writer.flush();
      Path file = TestLogs.files(dir, writer.session(), EventKind.SCALAR).get(0);
      try (EventLogTail tail = new EventLogTail(file)) {
        assertThat(tail.poll())
            .containsExactly(new ScalarEvent("loss", 1, 10.0, 0.9), new ScalarEvent("loss", 2, 11.0, 0.8));
        writer.scalar("loss", 3, 12.0, 0.7);
        assertThat(tail.poll()).as("not flushed yet").isEmpty();
        writer.flush();
        assertThat(tail.poll()).containsExactly(new ScalarEvent("loss", 3, 12.0, 0.7));
        assertThat(tail.poll()).isEmpty();
        assertThat(tail.ended()).isFalse();
        assertThat(tail.tornTail()).isEmpty();
        assertThat(tail.session()).isEqualTo(writer.session());
      }
    }
  }

  /**
   * Batches of growing and shrinking sizes in one poll: a body buffer is reused only when large
   * enough and read as exactly its batch's length, so every row comes back, and nothing is held
   * once the poll returns.
   */
  @Test
  void batchesOfEverySizeInOnePollReadBackWholeAndLeaveNoMemoryHeld() throws IOException {
    int[] sizes = {3000, 10, 5000, 1, 2000, 4999, 7};
    List<ScalarEvent> written = new ArrayList<>();
    Random random = new Random(5);
    try (EventLogWriter writer = TestLogs.manualWriter(dir)) {
      long step = 0;
      for (int size : sizes) {
        for (int i = 0; i < size; i++) {
          ScalarEvent e = new ScalarEvent("t" + random.nextInt(3), step++, 1.7e9 + step, random.nextGaussian());
          writer.scalar(e.tag(), e.step(), e.wallTime(), e.value());
          written.add(e);
        }
        writer.flush();
      }
      Path file = TestLogs.files(dir, writer.session(), EventKind.SCALAR).get(0);
      try (EventLogTail tail = new EventLogTail(file)) {
        List<ScalarBatch> batches = tail.pollScalarBatches();
        assertThat(batches).extracting(ScalarBatch::size).containsExactly(Arrays.stream(sizes).boxed().toArray(Integer[]::new));
        List<ScalarEvent> read = new ArrayList<>();
        for (ScalarBatch b : batches) {
          for (int i = 0; i < b.size(); i++) {
            read.add(b.event(i));
          }
        }
        assertThat(read).isEqualTo(written);
        assertThat(tail.allocator().getAllocatedMemory()).isZero();
      }
    }
  }

  /**
   * A sink borrows each batch: equal-sized batches of one poll come in the same arrays, refilled
   * (read at the call, every row is right), a batch of another size in new ones, and a new poll
   * starts with new arrays (the tail holds none between polls).
   */
  @Test
  void aSinkBorrowsBatchesWhoseArraysTheNextBatchOfThePollReuses() throws IOException {
    List<ScalarEvent> written = new ArrayList<>();
    List<ScalarEvent> read = new ArrayList<>();
    List<long[]> arrays = new ArrayList<>();
    EventSink sink = new EventSink() {
      @Override
      public void scalars(ScalarBatch batch) {
        arrays.add(batch.steps());
        for (int i = 0; i < batch.size(); i++) {
          read.add(batch.event(i));
        }
      }

      @Override
      public void event(LogEvent event, EventSource source) {
        throw new AssertionError("no other events: " + event);
      }
    };
    try (EventLogWriter writer = TestLogs.manualWriter(dir)) {
      writeBatches(writer, written, 1000, 1000, 500, 1000);
      Path file = TestLogs.files(dir, writer.session(), EventKind.SCALAR).get(0);
      try (EventLogTail tail = new EventLogTail(file)) {
        tail.poll(sink);
        assertThat(arrays).hasSize(4);
        assertThat(arrays.get(1)).isSameAs(arrays.get(0));
        assertThat(arrays.get(2)).hasSize(500);
        assertThat(arrays.get(3)).hasSize(1000).isNotSameAs(arrays.get(0)); // reuse follows the last batch only
        writeBatches(writer, written, 1000);
        tail.poll(sink);
        assertThat(arrays).hasSize(5);
        assertThat(arrays.get(4)).isNotSameAs(arrays.get(3));
      }
    }
    assertThat(read).containsExactlyElementsOf(written);
  }

  private static void writeBatches(EventLogWriter writer, List<ScalarEvent> written, int... sizes) throws IOException {
    for (int size : sizes) {
      for (int i = 0; i < size; i++) {
        ScalarEvent e = new ScalarEvent("t" + i % 3, written.size(), 1.7e9 + written.size(), i * 0.5);
        writer.scalar(e.tag(), e.step(), e.wallTime(), e.value());
        written.add(e);
      }
      writer.flush();
    }
  }

  @Test
  void scalarBatchesHoldTheSameRowsAsEvents() throws IOException {
    List<ScalarEvent> written = new ArrayList<>(TestLogs.sampleScalars(2_500));
    written.add(new ScalarEvent("late", 1, 2.0, 3.0));
    Path file = TestLogs.writeScalars(dir, written, 1_000);
    List<ScalarEvent> read = new ArrayList<>();
    try (EventLogTail tail = new EventLogTail(file)) {
      List<ScalarBatch> batches = tail.pollScalarBatches();
      assertThat(batches).extracting(ScalarBatch::size).containsExactly(1000, 1000, 501);
      for (ScalarBatch batch : batches) {
        for (int i = 0; i < batch.size(); i++) {
          read.add(batch.event(i));
        }
      }
      assertThat(tail.pollScalarBatches()).isEmpty();
    }
    assertThat(read).containsExactlyElementsOf(written);

    try (EventLogWriter writer = TestLogs.manualWriter(dir.resolve("texts"))) {
      writer.write(new TextEvent("t", 1, 1.0, "x"));
      writer.flush();
      Path texts = TestLogs.files(dir.resolve("texts"), writer.session(), EventKind.TEXT).get(0);
      try (EventLogTail tail = new EventLogTail(texts)) {
        assertThatThrownBy(tail::pollScalarBatches)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("not scalars");
      }
    }
  }

  /**
   * A writer killed mid-write leaves a file cut at any byte. Cut a finished log at every byte
   * offset, let the tail read the cut file, then let the file grow back to its full length: every
   * row must come back exactly once, in order, and never a partial batch; a cut inside a message
   * is reported as a torn tail until the rest arrives.
   */
  @Test
  void aFileCutAtAnyByteYieldsCompleteBatchesThenTheRestOnceItGrows() throws IOException {
    List<ScalarEvent> written = new ArrayList<>(TestLogs.sampleScalars(40));
    written.add(new ScalarEvent("new tag", 99, 1.0, 2.0)); // a dictionary delta before batch 3
    written.addAll(TestLogs.sampleScalars(19));
    Path source = TestLogs.writeScalars(dir.resolve("src"), written, 20); // 3 batches
    byte[] full = Files.readAllBytes(source);
    Path growing = dir.resolve("growing.arrows");
    int tornCuts = 0;
    for (int cut = 0; cut <= full.length; cut++) {
      Files.write(growing, Arrays.copyOf(full, cut));
      try (EventLogTail tail = new EventLogTail(growing)) {
        List<LogEvent> first = tail.poll();
        assertThat(first.size() % 20).as("only whole batches at cut %d", cut).isZero();
        assertThat(first).containsExactlyElementsOf(written.subList(0, first.size()));
        if (tail.offset() < cut) {
          tornCuts++;
          assertThat(tail.tornTail())
              .as("cut %d", cut)
              .hasValueSatisfying(
                  s -> assertThat(s).contains(growing.toString()).contains("byte " + tail.offset()));
        } else {
          assertThat(tail.tornTail()).isEmpty();
        }
        try (OutputStream out = Files.newOutputStream(growing, StandardOpenOption.APPEND)) {
          out.write(full, cut, full.length - cut);
        }
        List<LogEvent> all = new ArrayList<>(first);
        all.addAll(tail.poll());
        assertThat(all).as("cut at byte %d of %d", cut, full.length).containsExactlyElementsOf(written);
        assertThat(tail.ended()).isTrue();
        assertThat(tail.tornTail()).isEmpty();
      }
      // The indexing path, the same way: whole batches, no problem, then the rest exactly once.
      Files.write(growing, Arrays.copyOf(full, cut));
      try (EventFileTail tail = new EventLogTail(growing)) {
        CollectingSink sink = new CollectingSink();
        tail.poll(sink);
        assertThat(sink.scalars.size() % 20).as("only whole batches at cut %d", cut).isZero();
        try (OutputStream out = Files.newOutputStream(growing, StandardOpenOption.APPEND)) {
          out.write(full, cut, full.length - cut);
        }
        tail.poll(sink);
        assertThat(sink.scalars).as("sink, cut at byte %d", cut).containsExactlyElementsOf(written);
        assertThat(tail.drainProblems()).isEmpty();
        assertThat(tail.done()).isTrue();
      }
    }
    assertThat(tornCuts).isGreaterThan(full.length / 2);
  }

  @Test
  void fileGrowingInRandomChunksIsReadExactlyOnce() throws IOException {
    List<ScalarEvent> written = TestLogs.sampleScalars(5_000);
    Path source = TestLogs.writeScalars(dir.resolve("src"), written, 333);
    byte[] full = Files.readAllBytes(source);
    Path growing = dir.resolve("growing.arrows");
    Files.write(growing, new byte[0]);
    Random random = new Random(42);
    List<LogEvent> read = new ArrayList<>();
    try (EventLogTail tail = new EventLogTail(growing);
        OutputStream out = Files.newOutputStream(growing, StandardOpenOption.APPEND)) {
      int appended = 0;
      while (appended < full.length) {
        int chunk = Math.min(full.length - appended, 1 + random.nextInt(3000));
        out.write(full, appended, chunk);
        out.flush();
        appended += chunk;
        read.addAll(tail.poll());
      }
      assertThat(tail.ended()).isTrue();
    }
    assertThat(read).containsExactlyElementsOf(written);
  }

  @Test
  void rowsBeforeCorruptionAreReturnedAndTheErrorNamesFileAndOffset() throws IOException {
    List<ScalarEvent> written = TestLogs.sampleScalars(40);
    Path source = TestLogs.writeScalars(dir.resolve("src"), written, 20);
    byte[] bytes = Files.readAllBytes(source);
    long secondBatch = firstBatchEnd(source);
    Arrays.fill(bytes, (int) secondBatch, (int) secondBatch + 8, (byte) 0x42);
    Path damaged = dir.resolve("damaged.arrows");
    Files.write(damaged, bytes);
    try (EventLogTail tail = new EventLogTail(damaged)) {
      assertThat(tail.poll()).containsExactlyElementsOf(written.subList(0, 20));
      assertThatThrownBy(tail::poll)
          .isInstanceOf(EventLogFormatException.class)
          .hasMessageContaining(damaged.toString())
          .hasMessageContaining("byte " + secondBatch);
      assertThatThrownBy(tail::poll).isInstanceOf(EventLogFormatException.class);
    }
  }

  @Test
  void aBatchWithGarbageInsideIsAnErrorNotWrongData() throws IOException {
    List<ScalarEvent> written = TestLogs.sampleScalars(40);
    Path source = TestLogs.writeScalars(dir.resolve("src"), written, 20);
    byte[] bytes = Files.readAllBytes(source);
    long secondBatch = firstBatchEnd(source);
    // Smash the second batch's metadata (after its 8-byte prefix): lengths and offsets.
    for (int i = (int) secondBatch + 8; i < secondBatch + 200; i++) {
      bytes[i] = (byte) 0xFF;
    }
    Path damaged = dir.resolve("damaged.arrows");
    Files.write(damaged, bytes);
    try (EventLogTail tail = new EventLogTail(damaged)) {
      assertThat(tail.poll()).containsExactlyElementsOf(written.subList(0, 20));
      assertThatThrownBy(tail::poll)
          .isInstanceOf(EventLogFormatException.class)
          .hasMessageContaining(damaged.toString())
          .hasMessageContaining("byte " + secondBatch);
    }
  }

  /** Byte offset just past the first record batch of a log. */
  private long firstBatchEnd(Path file) throws IOException {
    byte[] full = Files.readAllBytes(file);
    Path prefix = dir.resolve("prefix.arrows");
    for (int cut = 0; cut <= full.length; cut++) {
      Files.write(prefix, Arrays.copyOf(full, cut));
      try (EventLogTail tail = new EventLogTail(prefix)) {
        if (!tail.poll().isEmpty()) {
          return tail.offset();
        }
      }
    }
    throw new AssertionError("no complete batch in " + file);
  }

  @Test
  void aForeignFileIsAClearErrorNamingTheFileAndOffset() throws IOException {
    Path foreign = dir.resolve("events.foreign.arrows");
    byte[] junk = new byte[4096];
    new Random(1).nextBytes(junk);
    Files.write(foreign, junk);
    try (EventLogTail tail = new EventLogTail(foreign)) {
      assertThatThrownBy(tail::poll)
          .isInstanceOf(EventLogFormatException.class)
          .hasMessageContaining(foreign.toString())
          .hasMessageContaining("byte 0");
    }
  }

  @Test
  void anArrowStreamThatIsNotARunboardLogIsRejectedWithItsReason() throws IOException {
    Path plain = dir.resolve("events.plain.arrows");
    writePlainArrowStream(plain, Map.of());
    try (EventLogTail tail = new EventLogTail(plain)) {
      assertThatThrownBy(tail::poll)
          .isInstanceOf(EventLogFormatException.class)
          .hasMessageContaining(plain.toString())
          .hasMessageContaining("not a Runboard event log");
    }
    Path future = dir.resolve("events.future.arrows");
    writePlainArrowStream(future, Map.of("runboard.kind", "scalar", "runboard.format_version", "3"));
    try (EventLogTail tail = new EventLogTail(future)) {
      assertThatThrownBy(tail::poll)
          .isInstanceOf(EventLogFormatException.class)
          .hasMessageContaining("unsupported format version 3");
    }
  }

  private static void writePlainArrowStream(Path file, Map<String, String> metadata)
      throws IOException {
    Schema schema =
        new Schema(List.of(Field.notNullable("x", new ArrowType.Int(64, true))), metadata);
    try (RootAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        FileChannel channel =
            FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ArrowStreamWriter writer = new ArrowStreamWriter(root, null, channel)) {
      writer.start();
      ((BigIntVector) root.getVector(0)).allocateNew(1);
      ((BigIntVector) root.getVector(0)).set(0, 7);
      root.setRowCount(1);
      writer.writeBatch();
      writer.end();
    }
  }
}
