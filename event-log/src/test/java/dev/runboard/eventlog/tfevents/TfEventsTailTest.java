package dev.runboard.eventlog.tfevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.runboard.eventlog.CollectingSink;
import dev.runboard.eventlog.FileProblem;
import dev.runboard.eventlog.HistogramEvent;
import dev.runboard.eventlog.ImageEvent;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.ScalarEvent;
import dev.runboard.eventlog.SessionEvent;
import dev.runboard.eventlog.TensorEvent;
import dev.runboard.eventlog.TensorValue;
import dev.runboard.eventlog.TextEvent;
import dev.runboard.eventlog.tfevents.proto.EventProtos.Event;
import dev.runboard.eventlog.tfevents.proto.EventProtos.SessionLog;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.HistogramProto;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.Summary;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.SummaryMetadata;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.DataType;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.TensorProto;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.TensorShapeProto;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TFRecord framing and Event decoding over files the tests write. */
class TfEventsTailTest {
  @TempDir Path dir;

  @Test
  void goodRecordsComeBackInOrderExactlyOnce() throws IOException {
    Path file = dir.resolve("events.out.tfevents.1.host");
    write(file, scalar("loss", 1, 0.5f), scalar("loss", 2, 0.25f), scalar("acc", 2, 0.75f));
    try (TfEventsTail tail = new TfEventsTail(file)) {
      assertThat(tail.poll())
          .containsExactly(
              new ScalarEvent("loss", 1, 100.0, 0.5),
              new ScalarEvent("loss", 2, 100.0, 0.25),
              new ScalarEvent("acc", 2, 100.0, 0.75));
      assertThat(tail.poll()).isEmpty();
      assertThat(tail.drainProblems()).isEmpty();
    }
  }

  @Test
  void emptyFileYieldsNothingUntilItGrows() throws IOException {
    Path file = dir.resolve("empty.tfevents");
    Files.createFile(file);
    try (TfEventsTail tail = new TfEventsTail(file)) {
      assertThat(tail.poll()).isEmpty();
      assertThat(tail.drainProblems()).isEmpty();
      append(file, TfRecordWriter.frame(scalar("x", 0, 1f).toByteArray()));
      assertThat(tail.poll()).containsExactly(new ScalarEvent("x", 0, 100.0, 1.0));
    }
  }

  @Test
  void badPayloadChecksumIsReportedWithFileAndOffsetAndSkipped() throws IOException {
    List<byte[]> records = records(5);
    Path file = dir.resolve("events.out.tfevents.2.host");
    byte[] bytes = concat(records);
    long second = records.get(0).length;
    bytes[(int) second + TfRecordReader.HEADER_BYTES + 3] ^= 0x40; // inside record 2's payload
    Files.write(file, bytes);
    try (TfEventsTail tail = new TfEventsTail(file)) {
      assertThat(tail.poll()).extracting(e -> ((ScalarEvent) e).step()).containsExactly(0L, 2L, 3L, 4L);
      List<FileProblem> problems = tail.drainProblems();
      assertThat(problems).hasSize(1);
      FileProblem problem = problems.get(0);
      assertThat(problem.file()).isEqualTo(file);
      assertThat(problem.offset()).isEqualTo(second);
      assertThat(problem.toString()).contains(file.toString(), "byte " + second, "payload checksum");
    }
  }

  @Test
  void badLengthChecksumIsReportedAndReadingResumesAtTheNextValidRecord() throws IOException {
    List<byte[]> records = records(5);
    Path file = dir.resolve("events.out.tfevents.3.host");
    byte[] bytes = concat(records);
    long second = records.get(0).length;
    bytes[(int) second + 9] ^= 0x01; // record 2's length checksum
    Files.write(file, bytes);
    try (TfEventsTail tail = new TfEventsTail(file)) {
      assertThat(tail.poll()).extracting(e -> ((ScalarEvent) e).step()).containsExactly(0L, 2L, 3L, 4L);
      List<FileProblem> problems = tail.drainProblems();
      assertThat(problems).extracting(FileProblem::offset)
          .containsExactly(second, second + records.get(1).length);
      assertThat(problems.get(0).message()).contains("length checksum");
      assertThat(problems.get(1).message()).contains("skipping " + records.get(1).length + " bytes");
    }
  }

  /**
   * While scanning damaged bytes, a header that passes its checksum by chance but announces more
   * bytes than the file holds must not stall reading when whole valid records follow it.
   */
  @Test
  void aChanceValidHeaderInsideDamageDoesNotHideTheRecordsAfterIt() throws IOException {
    ByteBuffer fakeHeader = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(1_000_000_000L);
    fakeHeader.putInt(MaskedCrc32c.of(fakeHeader.array(), 0, 8));
    byte[] first = TfRecordWriter.frame(scalar("s", 0, 0f).toByteArray());
    byte[] damage = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
    Path file = dir.resolve("events.out.tfevents.11.host");
    Files.write(
        file,
        concat(List.of(
            first, damage, fakeHeader.array(),
            TfRecordWriter.frame(scalar("s", 1, 1f).toByteArray()),
            TfRecordWriter.frame(scalar("s", 2, 2f).toByteArray()))));
    try (TfEventsTail tail = new TfEventsTail(file)) {
      assertThat(tail.poll()).extracting(e -> ((ScalarEvent) e).step()).containsExactly(0L, 1L, 2L);
      long resumedAt = first.length + damage.length + 12;
      assertThat(tail.drainProblems()).extracting(FileProblem::offset).containsExactly((long) first.length, resumedAt);
      assertThat(tail.offset()).isEqualTo(Files.size(file));
    }
  }

  @Test
  void garbageWithValidFramingIsReportedAndTheNextRecordsAreKept() throws IOException {
    Path file = dir.resolve("events.out.tfevents.4.host");
    byte[] notAnEvent = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
    Files.write(
        file,
        concat(List.of(
            TfRecordWriter.frame(scalar("a", 1, 1f).toByteArray()),
            TfRecordWriter.frame(notAnEvent),
            TfRecordWriter.frame(scalar("a", 2, 2f).toByteArray()))));
    try (TfEventsTail tail = new TfEventsTail(file)) {
      assertThat(tail.poll()).extracting(e -> ((ScalarEvent) e).step()).containsExactly(1L, 2L);
      assertThat(tail.drainProblems()).singleElement().satisfies(p -> assertThat(p.message()).contains("not a TensorBoard Event"));
    }
  }

  /**
   * A writer still writing leaves the file cut at any byte: at every cut, the tail returns the
   * whole records before it, nothing partial, no problem, and the rest exactly once after growth.
   */
  @Test
  void aFileCutAtAnyByteYieldsWholeRecordsThenTheRestOnceItGrows() throws IOException {
    List<byte[]> records = records(4);
    byte[] full = concat(records);
    Path file = dir.resolve("events.out.tfevents.5.host");
    for (int cut = 0; cut <= full.length; cut++) {
      Files.write(file, Arrays.copyOf(full, cut));
      try (TfEventsTail tail = new TfEventsTail(file)) {
        List<LogEvent> seen = new ArrayList<>(tail.poll());
        int whole = 0;
        for (long end = 0; whole < records.size() && end + records.get(whole).length <= cut; whole++) {
          end += records.get(whole).length;
        }
        assertThat(seen).as("cut at %d", cut).hasSize(whole);
        append(file, Arrays.copyOfRange(full, cut, full.length));
        seen.addAll(tail.poll());
        assertThat(seen).extracting(e -> ((ScalarEvent) e).step()).as("cut at %d", cut).containsExactly(0L, 1L, 2L, 3L);
        assertThat(tail.drainProblems()).isEmpty();
        assertThat(tail.offset()).isEqualTo(full.length);
      }
      Files.write(file, Arrays.copyOf(full, cut));
      try (TfEventsTail tail = new TfEventsTail(file)) {
        CollectingSink sink = new CollectingSink();
        tail.poll(sink);
        append(file, Arrays.copyOfRange(full, cut, full.length));
        tail.poll(sink);
        assertThat(sink.scalars).extracting(ScalarEvent::step).as("sink, cut at %d", cut).containsExactly(0L, 1L, 2L, 3L);
        assertThat(tail.drainProblems()).isEmpty();
      }
    }
  }

  @Test
  void proto3OmittedZeroFieldsDecodeAsZero() throws IOException {
    Event zero = scalar("z", 0, 0f).toBuilder().setWallTime(0).build();
    // Step 0 and wall time 0 are left out of the bytes (a oneof member such as simple_value keeps
    // its presence, so 0.0 is written): event > summary > value > tag "z" + simple_value.
    assertThat(zero.toByteArray()).hasSize(2 + 2 + 3 + 5);
    Event histogram =
        event(0, Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8("h"))
            .setHisto(HistogramProto.newBuilder().setMax(2).setNum(3).setSum(3)
                .addBucketLimit(1).addBucketLimit(2).addBucket(2).addBucket(1)));
    Path file = dir.resolve("events.out.tfevents.6.host");
    write(file, zero, histogram);
    try (TfEventsTail tail = new TfEventsTail(file)) {
      List<LogEvent> events = tail.poll();
      assertThat(events.get(0)).isEqualTo(new ScalarEvent("z", 0, 0.0, 0.0));
      HistogramEvent h = (HistogramEvent) events.get(1);
      assertThat(h.histogram().min()).isZero();
      assertThat(h.histogram().sumSquares()).isZero();
      assertThat(h.histogram().bucketCounts()).containsExactly(2.0, 1.0);
      assertThat(h.histogram().estimated()).isEmpty(); // a legacy histo's statistics are exact
    }
  }

  @Test
  void negativeAndRepeatedStepsAreKeptAsWritten() throws IOException {
    Path file = dir.resolve("events.out.tfevents.7.host");
    write(file, scalar("w", -5, 1f), scalar("w", -5, 2f), scalar("w", Long.MIN_VALUE, 3f), scalar("w", 3, 4f), scalar("w", 3, 5f));
    try (TfEventsTail tail = new TfEventsTail(file)) {
      assertThat(tail.poll()).extracting(e -> ((ScalarEvent) e).step())
          .containsExactly(-5L, -5L, Long.MIN_VALUE, 3L, 3L);
    }
  }

  @Test
  void summaryValueWithATagAndNoValueIsSkippedQuietlyAndItsSiblingsKept() throws IOException {
    Event event =
        Event.newBuilder().setWallTime(100).setStep(9)
            .setSummary(Summary.newBuilder()
                .addValue(Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8("empty")))
                .addValue(Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8("kept")).setSimpleValue(7f)))
            .build();
    Path file = dir.resolve("events.out.tfevents.8.host");
    write(file, event);
    try (TfEventsTail tail = new TfEventsTail(file)) {
      assertThat(tail.poll()).containsExactly(new ScalarEvent("kept", 9, 100.0, 7.0));
      assertThat(tail.drainProblems()).isEmpty();
    }
  }

  @Test
  void tf2TensorScalarsInEveryEncodingAndMetadataOnlyOnTheFirstValue() throws IOException {
    SummaryMetadata scalars = metadata("scalars");
    TensorProto content =
        TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
            .setTensorContent(ByteString.copyFrom(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).flip()))
            .build();
    TensorProto floatVal = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).addFloatVal(2.5f).build();
    TensorProto doubleVal = TensorProto.newBuilder().setDtype(DataType.DT_DOUBLE).addDoubleVal(0.1).build();
    TensorProto int64Val = TensorProto.newBuilder().setDtype(DataType.DT_INT64).addInt64Val(-7).build();
    Path file = dir.resolve("events.out.tfevents.9.host.v2");
    write(
        file,
        event(1, Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8("s")).setMetadata(scalars).setTensor(content)),
        event(2, Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8("s")).setTensor(floatVal)), // metadata omitted
        event(3, Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8("s")).setTensor(doubleVal)),
        event(4, Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8("s")).setTensor(int64Val)),
        // A tensor of another plugin is not a scalar, whatever its shape: a generic tensor.
        event(5, Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8("pr")).setMetadata(metadata("pr_curves")).setTensor(floatVal)));
    try (TfEventsTail tail = new TfEventsTail(file)) {
      assertThat(tail.poll())
          .containsExactly(
              new ScalarEvent("s", 1, 100.0, 1.5),
              new ScalarEvent("s", 2, 100.0, 2.5),
              new ScalarEvent("s", 3, 100.0, 0.1),
              new ScalarEvent("s", 4, 100.0, -7.0),
              new TensorEvent("pr", 5, 100.0, "pr_curves", new byte[0],
                  TensorValue.ofFloats(new long[0], new float[] {2.5f})));
      assertThat(tail.drainProblems()).isEmpty();
    }
  }

  @Test
  void tf2TextHistogramAndImageTensorsAndSessionLogs() throws IOException {
    TensorProto text =
        TensorProto.newBuilder().setDtype(DataType.DT_STRING)
            .addStringVal(ByteString.copyFromUtf8("**bold** note")).build();
    TensorProto histogram =
        TensorProto.newBuilder().setDtype(DataType.DT_DOUBLE)
            .setTensorShape(shape(2, 3))
            .addAllDoubleVal(List.of(0.0, 1.0, 4.0, 1.0, 2.0, 6.0)).build();
    byte[] gif = "GIF89a-not-really".getBytes(StandardCharsets.US_ASCII);
    TensorProto image =
        TensorProto.newBuilder().setDtype(DataType.DT_STRING).setTensorShape(shape(3))
            .addStringVal(ByteString.copyFromUtf8("64")).addStringVal(ByteString.copyFromUtf8("32"))
            .addStringVal(ByteString.copyFrom(gif)).build();
    Path file = dir.resolve("events.out.tfevents.10.host.v2");
    write(
        file,
        Event.newBuilder().setWallTime(50).setStep(0)
            .setSessionLog(SessionLog.newBuilder().setStatus(SessionLog.SessionStatus.START)).build(),
        event(1, Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8("notes")).setMetadata(metadata("text")).setTensor(text)),
        event(1, Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8("w")).setMetadata(metadata("histograms")).setTensor(histogram)),
        event(1, Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8("img")).setMetadata(metadata("images")).setTensor(image)),
        Event.newBuilder().setWallTime(60).setStep(1)
            .setSessionLog(SessionLog.newBuilder().setStatus(SessionLog.SessionStatus.CHECKPOINT).setCheckpointPath("/ckpt/1")).build());
    try (TfEventsTail tail = new TfEventsTail(file)) {
      List<LogEvent> events = tail.poll();
      assertThat(tail.drainProblems()).isEmpty();
      assertThat(events).hasSize(5);
      assertThat(events.get(0)).isEqualTo(new SessionEvent(50, SessionEvent.Kind.START, 0, ""));
      assertThat(events.get(1)).isEqualTo(new TextEvent("notes", 1, 100.0, "**bold** note"));
      HistogramEvent h = (HistogramEvent) events.get(2);
      assertThat(h.histogram().bucketLimits()).containsExactly(1.0, 2.0);
      assertThat(h.histogram().bucketCounts()).containsExactly(4.0, 6.0);
      assertThat(h.histogram().count()).isEqualTo(10.0);
      assertThat(h.histogram().min()).isEqualTo(0.0);
      assertThat(h.histogram().max()).isEqualTo(2.0);
      assertThat(h.histogram().sum()).isEqualTo(4 * 0.5 + 6 * 1.5);
      assertThat(h.histogram().sumSquares()).isEqualTo(4 * 0.25 + 6 * 2.25);
      // A [k, 3] tensor holds no sums: they come from bucket centres and say so.
      assertThat(h.histogram().estimated()).containsExactlyInAnyOrder("sum", "sum_squares");
      ImageEvent img = (ImageEvent) events.get(3);
      assertThat(img.mediaType()).isEqualTo("image/gif");
      assertThat(img.encoded()).isEqualTo(gif);
      assertThat(List.of(img.width(), img.height())).containsExactly(64, 32);
      assertThat(events.get(4)).isEqualTo(new SessionEvent(60, SessionEvent.Kind.CHECKPOINT, 1, "/ckpt/1"));
    }
  }

  @Test
  void textTensorsOfRankOneAndTwoBecomeParagraphsAndATable() {
    TensorProto vector =
        TensorProto.newBuilder().setDtype(DataType.DT_STRING).setTensorShape(shape(2))
            .addStringVal(ByteString.copyFromUtf8("one")).addStringVal(ByteString.copyFromUtf8("two")).build();
    TensorProto matrix =
        TensorProto.newBuilder().setDtype(DataType.DT_STRING).setTensorShape(shape(2, 2))
            .addStringVal(ByteString.copyFromUtf8("a")).addStringVal(ByteString.copyFromUtf8("b"))
            .addStringVal(ByteString.copyFromUtf8("1")).addStringVal(ByteString.copyFromUtf8("2")).build();
    assertThat(TfEventDecoder.markdown(vector)).isEqualTo("one\n\ntwo");
    assertThat(TfEventDecoder.markdown(matrix)).isEqualTo("| a | b |\n| --- | --- |\n| 1 | 2 |\n");
  }

  @Test
  void fileNamesContainingTfeventsAreEventFiles() {
    assertThat(TfEventsFiles.isTfEventsFile(Path.of("run", "events.out.tfevents.1.host"))).isTrue();
    assertThat(TfEventsFiles.isTfEventsFile(Path.of("run", "model.tfevents"))).isTrue();
    assertThat(TfEventsFiles.isTfEventsFile(Path.of("run", "events.out.tfevents.1.host.profile-empty"))).isTrue();
    assertThat(TfEventsFiles.isTfEventsFile(Path.of("run", "events.0001.1.0.arrows"))).isFalse();
    assertThat(TfEventsFiles.isTfEventsFile(Path.of("run", "checkpoint"))).isFalse();
  }

  private static TensorShapeProto shape(long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    return shape.build();
  }

  private static SummaryMetadata metadata(String plugin) {
    return SummaryMetadata.newBuilder()
        .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName(ByteString.copyFromUtf8(plugin))).build();
  }

  static Event scalar(String tag, long step, float value) {
    return event(step, Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8(tag)).setSimpleValue(value));
  }

  static Event event(long step, Summary.Value.Builder value) {
    return Event.newBuilder().setWallTime(100).setStep(step)
        .setSummary(Summary.newBuilder().addValue(value)).build();
  }

  private static List<byte[]> records(int n) {
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(TfRecordWriter.frame(scalar("s", i, i).toByteArray()));
    }
    return records;
  }

  private static void write(Path file, Event... events) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TfRecordWriter writer = new TfRecordWriter(bytes);
    for (Event e : events) {
      writer.write(e.toByteArray());
    }
    Files.write(file, bytes.toByteArray());
  }

  private static void append(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
      out.write(bytes);
    }
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
