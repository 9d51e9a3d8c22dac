package dev.runboard.eventlog.tfevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.runboard.eventlog.BlobEvent;
import dev.runboard.eventlog.CollectingSink;
import dev.runboard.eventlog.EventFileTail;
import dev.runboard.eventlog.EventFiles;
import dev.runboard.eventlog.EventLogFormatException;
import dev.runboard.eventlog.EventSource;
import dev.runboard.eventlog.FileProblem;
import dev.runboard.eventlog.HistogramEvent;
import dev.runboard.eventlog.ImageEvent;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.LogFileSource;
import dev.runboard.eventlog.ReadOptions;
import dev.runboard.eventlog.ScalarEvent;
import dev.runboard.eventlog.TensorEvent;
import dev.runboard.eventlog.TensorValue;
import dev.runboard.eventlog.TextEvent;
import dev.runboard.eventlog.tfevents.proto.EventProtos.Event;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.HistogramProto;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.Summary;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.SummaryMetadata;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.DataType;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.TensorProto;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.TensorShapeProto;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tfevents into the format-2 kinds (generic tensors, blobs for audio and string tensors), and
 * events read again from their record with {@link EventFiles#readEvent}.
 */
class TfEventsNewKindsTest {
  private static final byte[] WAV = {'R', 'I', 'F', 'F', 4, 0, 0, 0, 'W', 'A', 'V', 'E', 1, 2};

  @TempDir Path dir;

  @Test
  void audioSummariesBecomeBlobsOfTheAudioPlugin() throws IOException {
    // AudioPluginData: version 0, encoding WAV (field 2 = 11).
    byte[] wavEncoding = {0x10, 11};
    TensorProto clips =
        TensorProto.newBuilder().setDtype(DataType.DT_STRING).setTensorShape(shape(2, 2))
            .addStringVal(ByteString.copyFrom(WAV)).addStringVal(ByteString.copyFromUtf8("label 0"))
            .addStringVal(ByteString.copyFrom(new byte[] {9, 9, 9})).addStringVal(ByteString.copyFromUtf8("label 1"))
            .build();
    Path file = dir.resolve("events.out.tfevents.1.audio");
    write(
        file,
        TfEventsTailTest.event(1, Summary.Value.newBuilder().setTag(utf8("legacy"))
            .setAudio(Summary.Audio.newBuilder().setSampleRate(16000).setContentType(utf8("audio/wav"))
                .setEncodedAudioString(ByteString.copyFrom(WAV)))),
        TfEventsTailTest.event(2, Summary.Value.newBuilder().setTag(utf8("speech"))
            .setMetadata(metadata("audio", wavEncoding)).setTensor(clips)));
    try (TfEventsTail tail = new TfEventsTail(file)) {
      assertThat(tail.poll())
          .containsExactly(
              new BlobEvent("legacy", 1, 100.0, "audio", new byte[0], 0, "audio/wav", WAV),
              new BlobEvent("speech", 2, 100.0, "audio", wavEncoding, 0, "audio/wav", WAV),
              // No RIFF header: the plugin's encoding says WAV.
              new BlobEvent("speech", 2, 100.0, "audio", wavEncoding, 1, "audio/wav", new byte[] {9, 9, 9}));
      assertThat(tail.drainProblems()).isEmpty();
    }
  }

  @Test
  void tensorsOfOtherPluginsAreGenericTensorsInEveryEncoding() throws IOException {
    TensorProto int8Content =
        TensorProto.newBuilder().setDtype(DataType.DT_INT8).setTensorShape(shape(3))
            .setTensorContent(ByteString.copyFrom(new byte[] {-1, 0, 127})).build();
    TensorProto halfValues = // 1.0 and -2.0 as IEEE binary16
        TensorProto.newBuilder().setDtype(DataType.DT_HALF).setTensorShape(shape(2))
            .addHalfVal(0x3C00).addHalfVal(0xC000).build();
    TensorProto repeated = // TensorFlow's convention: the last value repeats
        TensorProto.newBuilder().setDtype(DataType.DT_DOUBLE).setTensorShape(shape(2, 2)).addDoubleVal(0.5).build();
    TensorProto empty = TensorProto.newBuilder().setDtype(DataType.DT_BOOL).setTensorShape(shape(2)).build();
    TensorProto uint32 =
        TensorProto.newBuilder().setDtype(DataType.DT_UINT32).setTensorShape(shape(1)).addUint32Val(0xFFFFFFFF).build();
    Path file = dir.resolve("events.out.tfevents.2.tensors");
    write(
        file,
        TfEventsTailTest.event(1, Summary.Value.newBuilder().setTag(utf8("a")).setMetadata(metadata("mesh", new byte[] {1})).setTensor(int8Content)),
        TfEventsTailTest.event(2, Summary.Value.newBuilder().setTag(utf8("a")).setTensor(halfValues)), // plugin remembered
        TfEventsTailTest.event(3, Summary.Value.newBuilder().setTag(utf8("b")).setTensor(repeated)), // no plugin at all
        TfEventsTailTest.event(4, Summary.Value.newBuilder().setTag(utf8("c")).setMetadata(metadata("custom", new byte[0])).setTensor(empty)),
        TfEventsTailTest.event(5, Summary.Value.newBuilder().setTag(utf8("d")).setMetadata(metadata("custom", new byte[0])).setTensor(uint32)));
    try (TfEventsTail tail = new TfEventsTail(file)) {
      List<LogEvent> events = tail.poll();
      assertThat(tail.drainProblems()).isEmpty();
      assertThat(events).extracting(e -> ((TensorEvent) e).pluginName())
          .containsExactly("mesh", "mesh", "", "custom", "custom");
      assertThat(((TensorEvent) events.get(1)).pluginContent()).containsExactly(1);
      assertThat(tensors(events))
          .containsExactly(
              new TensorValue("int32", new long[] {3}, new byte[] {-1, -1, -1, -1, 0, 0, 0, 0, 127, 0, 0, 0}),
              TensorValue.ofFloats(new long[] {2}, new float[] {1f, -2f}),
              TensorValue.ofDoubles(new long[] {2, 2}, new double[] {0.5, 0.5, 0.5, 0.5}),
              new TensorValue("bool", new long[] {2}, new byte[] {0, 0}),
              new TensorValue("int64", new long[] {1}, new byte[] {-1, -1, -1, -1, 0, 0, 0, 0}));
    }
  }

  /**
   * A string tensor of an unknown plugin is kept as blobs (one per element); a tensor the reader
   * cannot represent, or whose one typed value would expand past the record limit, is a problem,
   * not an exception or an 8 GB array.
   */
  @Test
  void stringTensorsAreBlobsAndUnrepresentableTensorsAreProblems() throws IOException {
    TensorProto layout =
        TensorProto.newBuilder().setDtype(DataType.DT_STRING).setTensorShape(shape(1))
            .addStringVal(ByteString.copyFrom(new byte[] {8, 1})).build();
    TensorProto complex = TensorProto.newBuilder().setDtype(DataType.DT_COMPLEX64).addFloatVal(1).build();
    TensorProto huge =
        TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(shape(1L << 30)).addFloatVal(1).build();
    Path file = dir.resolve("events.out.tfevents.3.strings");
    write(
        file,
        TfEventsTailTest.event(1, Summary.Value.newBuilder().setTag(utf8("layout")).setMetadata(metadata("custom_scalars", new byte[0])).setTensor(layout)),
        TfEventsTailTest.event(2, Summary.Value.newBuilder().setTag(utf8("z")).setMetadata(metadata("custom", new byte[0])).setTensor(complex)),
        TfEventsTailTest.event(3, Summary.Value.newBuilder().setTag(utf8("huge")).setMetadata(metadata("scalars", new byte[0])).setTensor(huge)),
        TfEventsTailTest.event(4, Summary.Value.newBuilder().setTag(utf8("huge2")).setMetadata(metadata("custom", new byte[0])).setTensor(huge)));
    try (TfEventsTail tail = new TfEventsTail(file)) {
      assertThat(tail.poll())
          .containsExactly(
              new BlobEvent("layout", 1, 100.0, "custom_scalars", new byte[0], 0, "application/octet-stream", new byte[] {8, 1}));
      List<FileProblem> problems = tail.drainProblems();
      assertThat(problems).extracting(FileProblem::message)
          .satisfiesExactly(
              m -> assertThat(m).contains("'z' skipped", "DT_COMPLEX64 is not supported"),
              m -> assertThat(m).contains("'huge' skipped", "over the limit"),
              m -> assertThat(m).contains("'huge2' skipped", "over the limit"));
    }
  }

  /**
   * Sources of tfevents records read their event again: TF2 values whose plugin only the tag's
   * first value named need the caller's plugin hint; several events from one record (a TF1 merged
   * summary) are told apart by index.
   */
  @Test
  void eventsReadAgainFromTheirRecordWithThePluginHint() throws IOException {
    TensorProto image =
        TensorProto.newBuilder().setDtype(DataType.DT_STRING).setTensorShape(shape(3))
            .addStringVal(utf8("2")).addStringVal(utf8("1"))
            .addStringVal(ByteString.copyFrom(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0})).build();
    TensorProto text = TensorProto.newBuilder().setDtype(DataType.DT_STRING).addStringVal(utf8("*hi*")).build();
    Event merged =
        Event.newBuilder().setWallTime(7).setStep(3)
            .setSummary(Summary.newBuilder()
                .addValue(Summary.Value.newBuilder().setTag(utf8("loss")).setSimpleValue(0.5f))
                .addValue(Summary.Value.newBuilder().setTag(utf8("w"))
                    .setHisto(HistogramProto.newBuilder().setMax(1).setNum(2).addBucketLimit(1).addBucket(2))))
            .build();
    Path file = dir.resolve("events.out.tfevents.4.readevent");
    write(
        file,
        TfEventsTailTest.event(1, Summary.Value.newBuilder().setTag(utf8("img")).setMetadata(metadata("images", new byte[0])).setTensor(image)),
        TfEventsTailTest.event(2, Summary.Value.newBuilder().setTag(utf8("img")).setTensor(image)),
        TfEventsTailTest.event(1, Summary.Value.newBuilder().setTag(utf8("notes")).setMetadata(metadata("text", new byte[0])).setTensor(text)),
        TfEventsTailTest.event(2, Summary.Value.newBuilder().setTag(utf8("notes")).setTensor(text)),
        merged);
    CollectingSink sink = new CollectingSink();
    try (EventFileTail tail = EventFiles.open(file)) {
      tail.poll(sink);
      assertThat(tail.drainProblems()).isEmpty();
    }
    assertThat(sink.events).hasSize(5);
    assertThat(sink.events.subList(0, 2)).allSatisfy(e -> assertThat(e).isInstanceOf(ImageEvent.class));
    assertThat(sink.events.subList(2, 4)).allSatisfy(e -> assertThat(e).isInstanceOf(TextEvent.class));
    assertThat(sink.events.get(4)).isInstanceOf(HistogramEvent.class);
    assertThat(sink.sources.get(4).index()).as("after the scalar of the same record").isEqualTo(1);
    assertThat(sink.scalars).containsExactly(new ScalarEvent("loss", 3, 7.0, 0.5));
    List<String> hints = List.of("images", "images", "text", "text", "");
    LogFileSource local = LogFileSource.local(file);
    for (int i = 0; i < 5; i++) {
      assertThat(EventFiles.readEvent(local, sink.sources.get(i), hints.get(i), ReadOptions.defaults()))
          .as("event %d", i)
          .isEqualTo(sink.events.get(i));
    }
    // Without the hint, the second image's record alone is just a string tensor of no plugin.
    assertThat(EventFiles.readEvent(local, sink.sources.get(1), null, ReadOptions.defaults()))
        .isInstanceOf(BlobEvent.class);

    EventSource first = sink.sources.get(0);
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) first.offset() + TfRecordReader.HEADER_BYTES + 1] ^= 1;
    Files.write(file, bytes);
    assertThatThrownBy(() -> EventFiles.readEvent(local, first, "images", ReadOptions.defaults()))
        .isInstanceOf(EventLogFormatException.class)
        .hasMessageContaining("checksum");
    EventSource shifted = new EventSource(first.offset() + 1, first.length(), 0);
    assertThatThrownBy(() -> EventFiles.readEvent(local, shifted, "images", ReadOptions.defaults()))
        .isInstanceOf(EventLogFormatException.class)
        .hasMessageContaining("header");
  }

  private static List<TensorValue> tensors(List<LogEvent> events) {
    return events.stream().map(e -> ((TensorEvent) e).tensor()).toList();
  }

  private static ByteString utf8(String s) {
    return ByteString.copyFromUtf8(s);
  }

  private static SummaryMetadata metadata(String plugin, byte[] content) {
    return SummaryMetadata.newBuilder()
        .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName(utf8(plugin))
            .setContent(ByteString.copyFrom(content)))
        .build();
  }

  private static TensorShapeProto shape(long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    return shape.build();
  }

  private static void write(Path file, Event... events) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (Event e : events) {
      bytes.writeBytes(TfRecordWriter.frame(e.toByteArray()));
    }
    Files.write(file, bytes.toByteArray());
  }
}
