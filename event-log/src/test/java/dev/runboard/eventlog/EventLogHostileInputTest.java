package dev.runboard.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arrow logs built to hurt a reader through {@link EventFileTail#poll(EventSink)}: a message
 * claiming a body of 1.5 GB (in a small file, and in a sparse file that holds it), a message that
 * never completes, damaged framing, a batch whose rows do not decode, files that shrink or are
 * replaced. Damage never throws there: it is a problem, and the tail stops only where the stream
 * cannot be followed.
 */
class EventLogHostileInputTest {
  private static final long HUGE_BODY = 1_500_000_000L;

  @TempDir Path dir;

  /**
   * An 8 KB file whose next message claims a 1.5 GB body: the tail waits (a writer may be writing
   * it), reports it once the file has not grown for the grace, keeps its place, and allocates
   * nothing for it.
   */
  @Test
  void aMessageClaimingMoreThanTheFileHoldsIsReportedOnceAndAllocatesNothing() throws IOException {
    Path source = TestLogs.writeScalars(dir.resolve("src"), TestLogs.sampleScalars(40), 20);
    List<TestLogs.Message> messages = TestLogs.messages(source);
    long firstBatchEnd = messages.get(2).end();
    byte[] bytes = Arrays.copyOf(Files.readAllBytes(source), (int) firstBatchEnd);
    Path file = dir.resolve("events.huge.arrows");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(bytes);
      out.write(recordBatchMessage(HUGE_BODY));
      out.write(new byte[8192 - bytes.length - recordBatchMessage(HUGE_BODY).length]);
    }
    assertThat(Files.size(file)).isEqualTo(8192);
    MutableClock clock = new MutableClock();
    CountingLogFile counting = new CountingLogFile(file);
    try (EventLogTail tail = new EventLogTail(counting, ReadOptions.defaults().withClock(clock))) {
      CollectingSink sink = new CollectingSink();
      tail.poll(sink);
      assertThat(sink.scalars).containsExactlyElementsOf(TestLogs.sampleScalars(20));
      assertThat(tail.drainProblems()).isEmpty();
      assertThat(tail.tornTail()).isPresent();

      clock.advance(Duration.ofSeconds(11));
      tail.poll(sink);
      assertThat(tail.drainProblems()).singleElement().satisfies(p -> {
        assertThat(p.offset()).isEqualTo(firstBatchEnd);
        assertThat(p.message()).contains("claims", "file holds " + (8192 - firstBatchEnd));
      });
      clock.advance(Duration.ofSeconds(11));
      tail.poll(sink);
      assertThat(tail.drainProblems()).as("reported once").isEmpty();
      assertThat(tail.done()).isFalse();
      assertThat(tail.offset()).isEqualTo(firstBatchEnd);
      assertThat(sink.scalars).hasSize(20);
      assertThat(tail.allocator().getPeakMemoryAllocation()).as("peak off-heap bytes").isLessThan(1 << 20);
      assertThat(tail.allocator().getAllocatedMemory()).isZero();
      assertThat(counting.bytesRead()).isLessThan(64 << 10);
    }
  }

  /**
   * A sparse file that does hold the 1.5 GB body: the batch is over the 64 MiB limit, so it is
   * skipped with a problem, unread and unallocated, and the batch after it is read.
   */
  @Test
  void aRecordBatchOverTheLimitIsSkippedUnreadAndTheStreamReadsOn() throws IOException {
    List<ScalarEvent> written = TestLogs.sampleScalars(40);
    Path source = TestLogs.writeScalars(dir.resolve("src"), written, 20);
    List<TestLogs.Message> messages = TestLogs.messages(source);
    byte[] original = Files.readAllBytes(source);
    long firstBatchEnd = messages.get(2).end();
    byte[] huge = recordBatchMessage(HUGE_BODY);
    Path file = dir.resolve("events.sparse.arrows");
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.write(original, 0, (int) firstBatchEnd);
      out.write(huge);
      long after = firstBatchEnd + huge.length + HUGE_BODY;
      out.setLength(after);
      out.seek(after);
      out.write(original, (int) firstBatchEnd, original.length - (int) firstBatchEnd); // batch 2, end
    }
    CountingLogFile counting = new CountingLogFile(file);
    try (EventLogTail tail = new EventLogTail(counting, ReadOptions.defaults())) {
      CollectingSink sink = new CollectingSink();
      tail.poll(sink);
      assertThat(sink.scalars).containsExactlyElementsOf(written);
      assertThat(tail.drainProblems()).singleElement().satisfies(p -> {
        assertThat(p.offset()).isEqualTo(firstBatchEnd);
        assertThat(p.message()).contains("body of " + HUGE_BODY + " bytes", "over the limit", "skipped");
      });
      assertThat(tail.done()).isTrue();
      assertThat(tail.offset()).isEqualTo(Files.size(file));
      assertThat(tail.allocator().getPeakMemoryAllocation()).as("peak off-heap bytes").isLessThan(1 << 20);
      assertThat(counting.bytesRead()).isLessThan(64 << 10);
    }
  }

  /** A message cut short and never finished is reported once; if the rest arrives, it is read. */
  @Test
  void aMessageThatStallsIsReportedOnceAndReadIfItCompletesLater() throws IOException {
    List<ScalarEvent> written = TestLogs.sampleScalars(40);
    Path source = TestLogs.writeScalars(dir.resolve("src"), written, 20);
    TestLogs.Message second = TestLogs.messages(source).get(3);
    byte[] full = Files.readAllBytes(source);
    Path file = dir.resolve("events.cut.arrows");
    int cut = (int) second.end() - 10; // inside the body: the whole length is known
    Files.write(file, Arrays.copyOf(full, cut));
    MutableClock clock = new MutableClock();
    try (EventFileTail tail = EventFiles.open(file, ReadOptions.defaults().withClock(clock))) {
      CollectingSink sink = new CollectingSink();
      tail.poll(sink);
      clock.advance(Duration.ofSeconds(10));
      tail.poll(sink);
      assertThat(tail.drainProblems()).singleElement().satisfies(p -> {
        assertThat(p.offset()).isEqualTo(second.offset());
        assertThat(p.message()).contains("message at byte " + second.offset() + " claims " + second.length() + " bytes");
      });
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
        out.write(full, cut, full.length - cut);
      }
      tail.poll(sink);
      assertThat(sink.scalars).containsExactlyElementsOf(written);
      assertThat(tail.drainProblems()).isEmpty();
      assertThat(tail.done()).isTrue();
    }
  }

  /** Damage where a message should start cannot be skipped in a stream: a problem, then done. */
  @Test
  void damagedFramingIsAProblemThatEndsTheTailWithoutThrowing() throws IOException {
    List<ScalarEvent> written = TestLogs.sampleScalars(40);
    Path source = TestLogs.writeScalars(dir.resolve("src"), written, 20);
    TestLogs.Message second = TestLogs.messages(source).get(3);
    byte[] bytes = Files.readAllBytes(source);
    Arrays.fill(bytes, (int) second.offset(), (int) second.offset() + 8, (byte) 0x42);
    Path file = dir.resolve("events.damaged.arrows");
    Files.write(file, bytes);
    try (EventFileTail tail = EventFiles.open(file)) {
      CollectingSink sink = new CollectingSink();
      tail.poll(sink);
      assertThat(sink.scalars).containsExactlyElementsOf(written.subList(0, 20));
      assertThat(tail.drainProblems()).singleElement().satisfies(p -> {
        assertThat(p.file()).isEqualTo(file);
        assertThat(p.offset()).isEqualTo(second.offset());
        assertThat(p.message()).contains("not an Arrow IPC stream message", "cannot be read");
      });
      assertThat(tail.done()).isTrue();
      tail.poll(sink);
      assertThat(sink.scalars).hasSize(20);
      assertThat(tail.drainProblems()).isEmpty();
    }
  }

  /** Intact framing, rows that do not decode: the batch is skipped, the next one read. */
  @Test
  void aBatchWhoseRowsDoNotDecodeIsSkippedAndTheNextOneIsRead() throws IOException {
    List<ScalarEvent> written = TestLogs.sampleScalars(60);
    Path source = TestLogs.writeScalars(dir.resolve("src"), written, 20);
    TestLogs.Message second = TestLogs.messages(source).get(3);
    byte[] bytes = Files.readAllBytes(source);
    // Rows 20.. have tag indices 2, 0, 1, 2…: point the first at a tag the dictionary lacks.
    byte[] indices = {2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0};
    int at = indexOf(bytes, indices, (int) second.offset(), (int) second.end());
    bytes[at] = (byte) 0xE7;
    bytes[at + 1] = 3; // 999
    Path file = dir.resolve("events.rows.arrows");
    Files.write(file, bytes);
    try (EventFileTail tail = EventFiles.open(file)) {
      CollectingSink sink = new CollectingSink();
      tail.poll(sink);
      List<ScalarEvent> expected = new ArrayList<>(written.subList(0, 20));
      expected.addAll(written.subList(40, 60));
      assertThat(sink.scalars).containsExactlyElementsOf(expected);
      assertThat(tail.drainProblems()).singleElement().satisfies(p -> {
        assertThat(p.offset()).isEqualTo(second.offset());
        assertThat(p.message()).contains("skipped", "tag index 999");
      });
      assertThat(tail.done()).isTrue();
    }
  }

  @Test
  void aFileThatShrinksOrIsReplacedIsReportedAsTruncated() throws IOException {
    Path source = TestLogs.writeScalars(dir.resolve("src"), TestLogs.sampleScalars(40), 20);
    Path file = dir.resolve("events.shrinks.arrows");
    Files.copy(source, file);
    try (EventFileTail tail = EventFiles.open(file)) {
      tail.poll(new CollectingSink());
      try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
        out.setLength(100);
      }
      assertThatThrownBy(() -> tail.poll(new CollectingSink()))
          .isInstanceOf(FileTruncatedException.class)
          .hasMessageContaining(file.toString());
    }

    Path replaced = dir.resolve("events.replaced.arrows");
    Path cut = dir.resolve("cut");
    byte[] full = Files.readAllBytes(source);
    Files.write(replaced, Arrays.copyOf(full, (int) TestLogs.messages(source).get(2).end()));
    Files.copy(source, cut);
    try (EventFileTail tail = EventFiles.open(replaced)) {
      tail.poll(new CollectingSink());
      tail.releaseHandle();
      Files.move(cut, replaced, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      assertThatThrownBy(() -> tail.poll(new CollectingSink()))
          .isInstanceOf(FileTruncatedException.class)
          .hasMessageContaining("replaced");
    }
  }

  /**
   * An idle tail holds no Arrow memory and, released, no handle; it reopens on the next poll and
   * reads on with its dictionary, including tags that arrive as a dictionary delta afterwards.
   */
  @Test
  void anIdleTailHoldsNoMemoryNorHandleAndReadsOnAfterReopening() throws IOException {
    try (EventLogWriter writer = TestLogs.manualWriter(dir)) {
      writer.scalar("loss", 1, 10.0, 0.9);
      writer.flush();
      Path file = TestLogs.files(dir, writer.session(), EventKind.SCALAR).get(0);
      CountingLogFile counting = new CountingLogFile(file);
      try (EventLogTail tail = new EventLogTail(counting, ReadOptions.defaults())) {
        CollectingSink sink = new CollectingSink();
        tail.poll(sink);
        assertThat(tail.allocator().getAllocatedMemory()).isZero();
        tail.releaseHandle();
        assertThat(counting.openHandles()).isZero();

        writer.scalar("loss", 2, 11.0, 0.8);
        writer.scalar("accuracy", 2, 11.0, 0.5); // a new tag: a dictionary delta
        writer.flush();
        tail.poll(sink);
        assertThat(counting.opens()).isEqualTo(2);
        assertThat(sink.scalars)
            .containsExactly(
                new ScalarEvent("loss", 1, 10.0, 0.9),
                new ScalarEvent("loss", 2, 11.0, 0.8),
                new ScalarEvent("accuracy", 2, 11.0, 0.5));
        assertThat(tail.allocator().getAllocatedMemory()).isZero();
      }
    }
  }

  /** A tail limited to where an earlier tail had got reads exactly what that tail had read. */
  @Test
  void aReadLimitReReadsExactlyUpToAnEarlierTailsOffset() throws IOException {
    try (EventLogWriter writer = TestLogs.manualWriter(dir)) {
      for (int i = 0; i < 3; i++) {
        writer.write(new TextEvent("notes", i, i, "note " + i));
      }
      writer.flush();
      Path file = TestLogs.files(dir, writer.session(), EventKind.TEXT).get(0);
      long reached;
      CollectingSink earlier = new CollectingSink();
      try (EventFileTail tail = EventFiles.open(file)) {
        tail.poll(earlier);
        reached = tail.offset();
      }
      writer.write(new TextEvent("notes", 3, 3, "note 3"));
      writer.flush();
      CollectingSink again = new CollectingSink();
      try (EventFileTail tail = EventFiles.open(file)) {
        tail.setReadLimit(reached);
        tail.poll(again);
        assertThat(tail.offset()).isEqualTo(reached);
      }
      assertThat(again.events).hasSize(3).isEqualTo(earlier.events);
      assertThat(again.sources).isEqualTo(earlier.sources);
      assertThat(Files.size(file)).isGreaterThan(reached);
    }
  }

  /** A RecordBatch message, metadata only, whose header claims a body of {@code bodyLength}. */
  private static byte[] recordBatchMessage(long bodyLength) {
    FlatBufferBuilder builder = new FlatBufferBuilder();
    RecordBatch.startNodesVector(builder, 0);
    int nodes = builder.endVector();
    RecordBatch.startBuffersVector(builder, 0);
    int buffers = builder.endVector();
    int batch = RecordBatch.createRecordBatch(builder, 1, nodes, buffers, 0, 0);
    ByteBuffer metadata = MessageSerializer.serializeMessage(builder, MessageHeader.RecordBatch, batch, bodyLength);
    int padded = (metadata.remaining() + 7) / 8 * 8;
    ByteBuffer message = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    message.putInt(-1).putInt(padded).put(metadata);
    return message.array();
  }

  private static int indexOf(byte[] bytes, byte[] pattern, int from, int to) {
    for (int i = from; i + pattern.length <= to; i++) {
      if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
        return i;
      }
    }
    throw new AssertionError("pattern not found");
  }
}
