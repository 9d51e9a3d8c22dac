package dev.runboard.eventlog.tfevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.runboard.eventlog.CollectingSink;
import dev.runboard.eventlog.CountingLogFile;
import dev.runboard.eventlog.EventFileTail;
import dev.runboard.eventlog.EventFiles;
import dev.runboard.eventlog.FileProblem;
import dev.runboard.eventlog.FileTruncatedException;
import dev.runboard.eventlog.LogFileHandle;
import dev.runboard.eventlog.LogFileSource;
import dev.runboard.eventlog.MutableClock;
import dev.runboard.eventlog.ReadOptions;
import dev.runboard.eventlog.ScalarEvent;
import dev.runboard.eventlog.tfevents.proto.EventProtos.Event;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.Summary;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.SummaryMetadata;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.DataType;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.TensorProto;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
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
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files built to hurt a reader: lengths that claim more than any record should hold, damage
 * followed by a huge claim and megabytes of garbage, records that never complete, tags that are not
 * UTF-8, files that shrink or are replaced. Each was a real failure of the previous reader.
 */
class TfEventsHostileInputTest {
  @TempDir Path dir;

  /**
   * A record whose header (checksum valid) holds 600 MB: over the 64 MiB limit, so it is skipped
   * with a problem, never allocated nor read, and the record after it is read. The file is sparse:
   * 600 MB on paper, a few bytes on disk.
   */
  @Test
  void aRecordOverTheLimitIsSkippedUnreadAndTheRecordsAfterItAreRead() throws IOException {
    Path file = dir.resolve("events.out.tfevents.1.huge");
    byte[] first = TfRecordWriter.frame(TfEventsTailTest.scalar("s", 0, 0f).toByteArray());
    long length = 600L << 20;
    long after = first.length + TfRecordReader.HEADER_BYTES + length + TfRecordReader.FOOTER_BYTES;
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.write(first);
      out.write(header(length));
      // An image event's start, as a real writer would have put there; the rest is a hole.
      out.write(Event.newBuilder().setStep(1).build().toByteArray());
      out.setLength(after);
      out.seek(after);
      out.write(TfRecordWriter.frame(TfEventsTailTest.scalar("s", 2, 2f).toByteArray()));
    }
    CountingLogFile source = new CountingLogFile(file);
    try (EventFileTail tail = EventFiles.open(source, ReadOptions.defaults())) {
      CollectingSink sink = new CollectingSink();
      long allocatedBefore = allocatedByThisThread();
      tail.poll(sink);
      long allocated = allocatedByThisThread() - allocatedBefore;

      assertThat(sink.scalars).extracting(ScalarEvent::step).containsExactly(0L, 2L);
      assertThat(tail.drainProblems()).singleElement().satisfies(p -> {
        assertThat(p.offset()).isEqualTo(first.length);
        assertThat(p.message()).contains("holds " + length + " bytes", "over the limit", "skipped");
      });
      assertThat(tail.offset()).isEqualTo(Files.size(file));
      assertThat(allocated).as("heap allocated by the poll").isLessThan(16L << 20);
      assertThat(source.bytesRead()).as("bytes read").isLessThan(4L << 20);
    }
  }

  /**
   * A bad byte where a record should start, then a header claiming 1 GB (checksum valid), then 50
   * MB of garbage: the resync scan reads the garbage once. Twenty more polls of the unchanged file
   * read (almost) nothing, where the previous reader rescanned all 50 MB each time. Whether the
   * 1 GB header is over the limit (default) or a candidate record (raised limit), the record
   * appended afterwards is found.
   */
  @Test
  void theResyncScanContinuesWhereItStoppedInsteadOfRescanningTheDamage() throws IOException {
    for (ReadOptions options :
        List.of(ReadOptions.defaults(), ReadOptions.defaults().withMaxRecordBytes(3L << 29))) {
      Path file = dir.resolve("events.out.tfevents.2." + options.maxRecordBytes());
      byte[] first = TfRecordWriter.frame(TfEventsTailTest.scalar("s", 0, 0f).toByteArray());
      byte[] garbage = new byte[50 << 20];
      new Random(7).nextBytes(garbage);
      try (OutputStream out = Files.newOutputStream(file)) {
        out.write(first);
        out.write(0x5A); // the bad byte
        out.write(header(1L << 30));
        out.write(garbage);
      }
      CountingLogFile source = new CountingLogFile(file);
      try (EventFileTail tail = EventFiles.open(source, options)) {
        CollectingSink sink = new CollectingSink();
        for (int poll = 0; poll < 21; poll++) {
          tail.poll(sink);
        }
        assertThat(sink.scalars).extracting(ScalarEvent::step).containsExactly(0L);
        assertThat(source.bytesRead())
            .as("bytes read in 21 polls of a %d-byte file", Files.size(file))
            .isLessThan(Files.size(file) + (2L << 20));
        assertThat(tail.drainProblems()).singleElement().satisfies(p -> {
          assertThat(p.offset()).isEqualTo(first.length);
          assertThat(p.message()).contains("length checksum");
        });

        long appendedAt = Files.size(file);
        append(file, TfRecordWriter.frame(TfEventsTailTest.scalar("s", 1, 1f).toByteArray()));
        tail.poll(sink);
        assertThat(sink.scalars).extracting(ScalarEvent::step).containsExactly(0L, 1L);
        assertThat(tail.drainProblems()).singleElement().satisfies(p -> {
          assertThat(p.offset()).isEqualTo(appendedAt);
          assertThat(p.message()).contains("resumed", "skipping " + (appendedAt - first.length) + " bytes");
        });
        assertThat(tail.offset()).isEqualTo(Files.size(file));
      }
    }
  }

  /**
   * A header at a record boundary claims more bytes than the file holds, and whole records follow
   * (a writer died mid-record and another appended). While the file grows it is a record being
   * written; once the file has not grown for the stall grace, it is reported and the scan finds
   * the records after it.
   */
  @Test
  void aRecordThatNeverCompletesIsReportedAfterTheGraceAndTheRecordsAfterItAreRead() throws IOException {
    Path file = dir.resolve("events.out.tfevents.3.host");
    byte[] first = TfRecordWriter.frame(TfEventsTailTest.scalar("s", 0, 0f).toByteArray());
    byte[] torn = Arrays.copyOf(header(1000), TfRecordReader.HEADER_BYTES + 100);
    Files.write(file, concat(first, torn));
    MutableClock clock = new MutableClock();
    try (EventFileTail tail = EventFiles.open(file, ReadOptions.defaults().withClock(clock))) {
      CollectingSink sink = new CollectingSink();
      tail.poll(sink);
      // The file keeps growing (the writer is slow): no problem however long it takes.
      for (int i = 0; i < 5; i++) {
        clock.advance(Duration.ofSeconds(9));
        append(file, new byte[50]);
        tail.poll(sink);
      }
      assertThat(tail.drainProblems()).isEmpty();
      assertThat(sink.scalars).extracting(ScalarEvent::step).containsExactly(0L);

      long second = Files.size(file);
      append(file, TfRecordWriter.frame(TfEventsTailTest.scalar("s", 2, 2f).toByteArray()));
      append(file, TfRecordWriter.frame(TfEventsTailTest.scalar("s", 3, 3f).toByteArray()));
      tail.poll(sink);
      clock.advance(Duration.ofSeconds(9));
      tail.poll(sink);
      assertThat(tail.drainProblems()).as("not stalled yet").isEmpty();
      clock.advance(Duration.ofSeconds(2));
      tail.poll(sink);

      assertThat(sink.scalars).extracting(ScalarEvent::step).containsExactly(0L, 2L, 3L);
      List<FileProblem> problems = tail.drainProblems();
      assertThat(problems).extracting(FileProblem::offset).containsExactly((long) first.length, second);
      assertThat(problems.get(0).message())
          .contains("record at byte " + first.length + " claims 1016 bytes", "file holds", "skipping");
      assertThat(problems.get(1).message()).contains("resumed");
      assertThat(tail.offset()).isEqualTo(Files.size(file));
    }
  }

  /** A stalled record that completes after all (a writer that paused a long time) is still read. */
  @Test
  void aStalledRecordThatCompletesLaterIsReadAfterAll() throws IOException {
    Path file = dir.resolve("events.out.tfevents.4.host");
    byte[] first = TfRecordWriter.frame(TfEventsTailTest.scalar("s", 0, 0f).toByteArray());
    byte[] slow = TfRecordWriter.frame(TfEventsTailTest.scalar("slow", 1, 1f).toByteArray());
    Files.write(file, concat(first, Arrays.copyOf(slow, 20)));
    MutableClock clock = new MutableClock();
    try (EventFileTail tail = EventFiles.open(file, ReadOptions.defaults().withClock(clock))) {
      CollectingSink sink = new CollectingSink();
      tail.poll(sink);
      clock.advance(Duration.ofSeconds(11));
      tail.poll(sink);
      assertThat(tail.drainProblems()).singleElement()
          .satisfies(p -> assertThat(p.message()).contains("claims " + slow.length + " bytes"));
      assertThat(tail.offset()).as("the stalled record may still come").isEqualTo(first.length);

      append(file, Arrays.copyOfRange(slow, 20, slow.length));
      append(file, TfRecordWriter.frame(TfEventsTailTest.scalar("s", 2, 2f).toByteArray()));
      tail.poll(sink);
      assertThat(sink.scalars)
          .containsExactly(
              new ScalarEvent("s", 0, 100.0, 0.0),
              new ScalarEvent("slow", 1, 100.0, 1.0),
              new ScalarEvent("s", 2, 100.0, 2.0));
      assertThat(tail.drainProblems()).singleElement()
          .satisfies(p -> assertThat(p.message()).contains("whole after all"));
    }
  }

  /**
   * Two tags differing only in bytes that are not UTF-8 are two series, through the scalar fast
   * path (simple values) and the full decoder (TF2 tensors) alike; a valid tag is kept as is.
   */
  @Test
  void tagsThatAreNotUtf8StayDistinct() throws IOException {
    ByteString ff = ByteString.copyFrom(new byte[] {'l', 'o', 's', 's', (byte) 0xFF});
    ByteString fe = ByteString.copyFrom(new byte[] {'l', 'o', 's', 's', (byte) 0xFE});
    ByteString backslash = ByteString.copyFrom(new byte[] {'a', '\\', (byte) 0xC3});
    TensorProto half = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).addFloatVal(0.5f).build();
    SummaryMetadata scalars =
        SummaryMetadata.newBuilder()
            .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName(ByteString.copyFromUtf8("scalars")))
            .build();
    Path file = dir.resolve("events.out.tfevents.5.host");
    write(
        file,
        TfEventsTailTest.event(1, Summary.Value.newBuilder().setTag(ff).setSimpleValue(1f)),
        TfEventsTailTest.event(1, Summary.Value.newBuilder().setTag(fe).setSimpleValue(2f)),
        TfEventsTailTest.event(2, Summary.Value.newBuilder().setTag(ff).setMetadata(scalars).setTensor(half)),
        TfEventsTailTest.event(2, Summary.Value.newBuilder().setTag(fe).setMetadata(scalars).setTensor(half)),
        TfEventsTailTest.event(3, Summary.Value.newBuilder().setTag(backslash).setSimpleValue(3f)),
        TfEventsTailTest.event(3, Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8("ünï\\code")).setSimpleValue(4f)));
    try (TfEventsTail tail = new TfEventsTail(file)) {
      assertThat(tail.poll())
          .containsExactly(
              new ScalarEvent("loss\\xff", 1, 100.0, 1.0),
              new ScalarEvent("loss\\xfe", 1, 100.0, 2.0),
              new ScalarEvent("loss\\xff", 2, 100.0, 0.5),
              new ScalarEvent("loss\\xfe", 2, 100.0, 0.5),
              new ScalarEvent("a\\\\\\xc3", 3, 100.0, 3.0),
              new ScalarEvent("ünï\\code", 3, 100.0, 4.0));
      assertThat(tail.drainProblems()).isEmpty();
    }
    try (EventFileTail tail = EventFiles.open(file)) {
      CollectingSink sink = new CollectingSink();
      tail.poll(sink);
      assertThat(sink.batches).singleElement()
          .satisfies(b -> assertThat(b.tags()).containsExactly("loss\\xff", "loss\\xfe", "a\\\\\\xc3", "ünï\\code"));
    }
  }

  @Test
  void aFileThatShrinksIsReportedAsTruncated() throws IOException {
    Path file = dir.resolve("events.out.tfevents.6.host");
    write(file, TfEventsTailTest.scalar("s", 0, 0f), TfEventsTailTest.scalar("s", 1, 1f));
    try (EventFileTail tail = EventFiles.open(file)) {
      tail.poll(new CollectingSink());
      try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
        out.setLength(Files.size(file) - 5);
      }
      assertThatThrownBy(() -> tail.poll(new CollectingSink()))
          .isInstanceOf(FileTruncatedException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("shorter");
      tail.releaseHandle();
      assertThatThrownBy(() -> tail.poll(new CollectingSink())).isInstanceOf(FileTruncatedException.class);
    }
  }

  /**
   * Another file moved over the name, larger than the old one (so its size alone does not tell):
   * the next open of the file notices it.
   */
  @Test
  void aFileReplacedUnderTheSameNameIsReportedAsTruncated() throws IOException {
    Path file = dir.resolve("events.out.tfevents.7.host");
    write(file, TfEventsTailTest.scalar("s", 0, 0f));
    Path other = dir.resolve("other");
    write(other, TfEventsTailTest.scalar("t", 0, 0f), TfEventsTailTest.scalar("t", 1, 1f));
    try (EventFileTail tail = EventFiles.open(file)) {
      CollectingSink sink = new CollectingSink();
      tail.poll(sink);
      tail.releaseHandle();
      Files.move(other, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      assertThatThrownBy(() -> tail.poll(sink))
          .isInstanceOf(FileTruncatedException.class)
          .hasMessageContaining("replaced");
      assertThat(sink.scalars).extracting(ScalarEvent::tag).containsOnly("s");
    }
  }

  /**
   * A read that fails part-way through a poll (a disk error, a network store) throws, and the rows
   * of the records read before it are still delivered: they count as read.
   */
  @Test
  void rowsReadBeforeAnIoFailureAreDelivered() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; bytes.size() < (3 << 20); i++) {
      bytes.writeBytes(TfRecordWriter.frame(TfEventsTailTest.scalar("s", i, i).toByteArray()));
    }
    Path file = dir.resolve("events.out.tfevents.10.host");
    Files.write(file, bytes.toByteArray());
    LogFileSource failing = new LogFileSource() {
      @Override
      public Path path() {
        return file;
      }

      @Override
      public LogFileHandle open() throws IOException {
        LogFileHandle local = LogFileSource.local(file).open();
        return new LogFileHandle() {
          @Override
          public long size() throws IOException {
            return local.size();
          }

          @Override
          public int read(ByteBuffer dst, long position) throws IOException {
            if (position >= (1 << 20)) {
              throw new IOException("disk error at byte " + position);
            }
            return local.read(dst, position);
          }

          @Override
          public Object identity() {
            return local.identity();
          }

          @Override
          public void close() throws IOException {
            local.close();
          }
        };
      }
    };
    try (EventFileTail tail = EventFiles.open(failing, ReadOptions.defaults())) {
      CollectingSink sink = new CollectingSink();
      assertThatThrownBy(() -> tail.poll(sink)).isInstanceOf(IOException.class).hasMessageContaining("disk error");
      assertThat(sink.scalars).isNotEmpty();
      long records = sink.scalars.size();
      assertThat(sink.scalars).extracting(ScalarEvent::step).containsExactlyElementsOf(
          java.util.stream.LongStream.range(0, records).boxed().toList());
      long recordBytes = TfRecordWriter.frame(TfEventsTailTest.scalar("s", 0, 0).toByteArray()).length;
      assertThat(tail.offset()).isLessThanOrEqualTo(1 << 20).isGreaterThan((1 << 20) - 2 * recordBytes - 16);
    }
  }

  /** A badly damaged file cannot fill the memory with problems: 100 kept, then a count. */
  @Test
  void problemsAreCappedUntilDrained() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < 150; i++) {
      byte[] record = TfRecordWriter.frame(TfEventsTailTest.scalar("s", i, i).toByteArray());
      record[TfRecordReader.HEADER_BYTES + 2] ^= 1; // payload checksum fails
      bytes.writeBytes(record);
    }
    Path file = dir.resolve("events.out.tfevents.8.host");
    Files.write(file, bytes.toByteArray());
    try (EventFileTail tail = EventFiles.open(file)) {
      tail.poll(new CollectingSink());
      List<FileProblem> problems = tail.drainProblems();
      assertThat(problems).hasSize(101);
      assertThat(problems.subList(0, 100)).allSatisfy(p -> assertThat(p.message()).contains("payload checksum"));
      assertThat(problems.get(100).message()).isEqualTo("50 more problems suppressed");
      assertThat(tail.drainProblems()).isEmpty();
    }
  }

  /**
   * An idle tail closes its handle and keeps its place: the next poll reopens the file and reads on
   * from there, plugin names of earlier records included (TF2 text whose metadata came first).
   */
  @Test
  void aReleasedHandleIsReopenedAndReadingContinuesWhereItStopped() throws IOException {
    Path file = dir.resolve("events.out.tfevents.9.host");
    TensorProto text = TensorProto.newBuilder().setDtype(DataType.DT_STRING)
        .addStringVal(ByteString.copyFromUtf8("first")).build();
    SummaryMetadata textPlugin =
        SummaryMetadata.newBuilder()
            .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName(ByteString.copyFromUtf8("text")))
            .build();
    write(file, TfEventsTailTest.event(1, Summary.Value.newBuilder()
        .setTag(ByteString.copyFromUtf8("notes")).setMetadata(textPlugin).setTensor(text)));
    CountingLogFile source = new CountingLogFile(file);
    try (EventFileTail tail = EventFiles.open(source, ReadOptions.defaults())) {
      CollectingSink sink = new CollectingSink();
      tail.poll(sink);
      tail.releaseHandle();
      assertThat(source.openHandles()).isZero();
      TensorProto second = text.toBuilder().setStringVal(0, ByteString.copyFromUtf8("second")).build();
      append(file, TfRecordWriter.frame(TfEventsTailTest.event(2, Summary.Value.newBuilder()
          .setTag(ByteString.copyFromUtf8("notes")).setTensor(second)).toByteArray()));
      tail.poll(sink);
      assertThat(source.opens()).isEqualTo(2);
      assertThat(sink.events).extracting(e -> ((dev.runboard.eventlog.TextEvent) e).markdown())
          .containsExactly("first", "second");
      assertThat(tail.offset()).isEqualTo(Files.size(file));
    }
  }

  private static byte[] header(long length) {
    ByteBuffer header = ByteBuffer.allocate(TfRecordReader.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    header.putLong(length);
    header.putInt(MaskedCrc32c.of(header.array(), 0, 8));
    return header.array();
  }

  private static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  private static void write(Path file, Event... events) throws IOException {
    List<byte[]> records = new ArrayList<>();
    for (Event e : events) {
      records.add(TfRecordWriter.frame(e.toByteArray()));
    }
    Files.write(file, concat(records.toArray(new byte[0][])));
  }

  private static void append(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
      out.write(bytes);
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
