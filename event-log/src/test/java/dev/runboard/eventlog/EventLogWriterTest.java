package dev.runboard.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogWriterTest {
  @TempDir Path dir;

  @Test
  void scalarsInSeveralBatchesWithNewTagsReadBackWithArrowsOwnStreamReader() throws IOException {
    List<ScalarEvent> written = new ArrayList<>(TestLogs.sampleScalars(2_500));
    // Tags first seen in later batches travel as dictionary deltas.
    for (int i = 0; i < 10; i++) {
      written.add(new ScalarEvent("late/tag" + i, 10_000 + i, 1.0 + i, i));
    }
    Path file = TestLogs.writeScalars(dir.resolve("run a"), written, 1000);

    assertThat(EventFiles.isEventFile(file)).isTrue();
    assertThat(TestLogs.readWithArrowStreamReader(file)).containsExactlyElementsOf(written);
    try (EventLogTail tail = new EventLogTail(file)) {
      assertThat(tail.poll()).containsExactlyElementsOf(written);
      assertThat(tail.ended()).isTrue();
      assertThat(tail.kind()).isEqualTo(EventKind.SCALAR);
      assertThat(tail.poll()).isEmpty();
    }
  }

  @Test
  void everyKindRoundTripsLosslessly() throws IOException {
    Histogram histogram = Histogram.of(new float[] {-1.5f, 0f, 0.25f, 3f, 3f, Float.NaN}, 4);
    HistogramEvent hist = new HistogramEvent("layer1/weights", 3, 10.5, histogram);
    HistogramEvent empty =
        new HistogramEvent("layer1/bias", 3, 10.5, Histogram.of(new float[0]));
    ImageEvent image =
        new ImageEvent("samples", 4, 11.0, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1}, "image/png", 28, 28, 1);
    TextEvent text = new TextEvent("notes", 5, 12.0, "# Hello\n*markdown* — ünïcode");
    GraphEvent graph =
        new GraphEvent(
            13.0,
            new ModelGraph(
                List.of(
                    new GraphNode("input", "Placeholder", List.of(), List.of(-1L, 784L), 0, Map.of()),
                    new GraphNode(
                        "dense/MatMul", "Dense", List.of("input"), List.of(-1L, 128L), 100_480,
                        Map.of("activation", "relu", "dtype", "float32")))));
    RunMetadataEvent metadata =
        new RunMetadataEvent(
            14.0,
            Map.of("lr", 0.001, "optimizer", "adam", "shuffle", true),
            9.0,
            "host-1",
            "runboard train --epochs 3",
            "runboard",
            "0.1.0",
            Map.of("dataset", "fashion-mnist"));
    SessionEvent checkpoint = new SessionEvent(15.0, SessionEvent.Kind.CHECKPOINT, 6, "ckpt-6");
    TensorEvent prCurve =
        new TensorEvent("pr/dog", 6, 17.0, "pr_curves", new byte[] {0x10, 0x03},
            TensorValue.ofFloats(new long[] {2, 3}, new float[] {1, 2, 3, 0.5f, Float.NaN, -0f}));
    TensorEvent counts =
        new TensorEvent("counts", 6, 17.5, "", new byte[0],
            new TensorValue("int64", new long[] {2}, new byte[] {1, 0, 0, 0, 0, 0, 0, (byte) 0x80, 2, 0, 0, 0, 0, 0, 0, 0}));
    TensorEvent flags = new TensorEvent("flags", 7, 18.0, "custom", new byte[0],
        new TensorValue("bool", new long[] {3, 0}, new byte[0]));
    BlobEvent clip =
        new BlobEvent("speech", 6, 19.0, "audio", new byte[] {8, 1, 16, 11}, 1, "audio/wav",
            new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E'});

    Path run = dir.resolve("run");
    try (EventLogWriter writer =
        EventLogWriter.open(run, EventLogWriterOptions.defaults().withResumeStep(2))) {
      writer.write(hist);
      writer.write(empty);
      writer.write(image);
      writer.write(text);
      writer.write(graph);
      writer.write(metadata);
      writer.write(checkpoint);
      writer.write(prCurve);
      writer.write(counts);
      writer.write(flags);
      writer.write(clip);
      writer.scalar("loss", 7, 16.0, 0.5);
    }
    List<LogEvent> read = TestLogs.readRun(run);
    assertThat(TestLogs.only(read, HistogramEvent.class)).containsExactly(hist, empty);
    assertThat(TestLogs.only(read, ImageEvent.class)).containsExactly(image);
    assertThat(TestLogs.only(read, TextEvent.class)).containsExactly(text);
    assertThat(TestLogs.only(read, GraphEvent.class)).containsExactly(graph);
    assertThat(TestLogs.only(read, RunMetadataEvent.class)).containsExactly(metadata);
    assertThat(TestLogs.only(read, TensorEvent.class)).containsExactly(prCurve, counts, flags);
    assertThat(TestLogs.only(read, BlobEvent.class)).containsExactly(clip);
    assertThat(TestLogs.only(read, ScalarEvent.class)).containsExactly(new ScalarEvent("loss", 7, 16.0, 0.5));
    List<SessionEvent> sessions = TestLogs.only(read, SessionEvent.class);
    assertThat(sessions).extracting(SessionEvent::kind)
        .containsExactly(SessionEvent.Kind.START, SessionEvent.Kind.CHECKPOINT, SessionEvent.Kind.STOP);
    assertThat(sessions.get(0).step()).as("START carries the resume step").isEqualTo(2);
    assertThat(sessions.get(1)).isEqualTo(checkpoint);
    assertThat(sessions.get(2).step()).as("STOP carries the last step").isEqualTo(7);
  }

  @Test
  void nanAndInfinitiesSurviveTheRoundTrip() throws IOException {
    List<ScalarEvent> written =
        List.of(
            new ScalarEvent("loss", -3, 1.5, Double.NaN),
            new ScalarEvent("loss", 0, 2.5, Double.POSITIVE_INFINITY),
            new ScalarEvent("λ/ünïcode", Long.MAX_VALUE, 3.5, -0.0));
    Path file = TestLogs.writeScalars(dir, written, 100);
    assertThat(TestLogs.readWithArrowStreamReader(file)).containsExactlyElementsOf(written);
  }

  /** A trainer is stopped by interrupting its thread; its last rows must still reach the file. */
  @Test
  void aCallerWhoseThreadIsInterruptedLosesNothing() throws IOException {
    Thread.currentThread().interrupt();
    try (EventLogWriter writer = EventLogWriter.open(dir)) {
      writer.scalar("loss", 1, 1.0, 0.5);
      writer.flush();
      writer.scalar("loss", 2, 2.0, 0.25);
    } finally {
      assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    }
    assertThat(TestLogs.only(TestLogs.readRun(dir), ScalarEvent.class))
        .containsExactly(new ScalarEvent("loss", 1, 1.0, 0.5), new ScalarEvent("loss", 2, 2.0, 0.25));
  }

  @Test
  void eachWriterIsItsOwnSessionEvenInTheSameMillisecond() throws IOException {
    Clock frozen = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    EventLogWriterOptions options = EventLogWriterOptions.defaults().withClock(frozen);
    try (EventLogWriter a = EventLogWriter.open(dir, options);
        EventLogWriter b = EventLogWriter.open(dir, options)) {
      assertThat(a.session()).isNotEqualTo(b.session());
      a.scalar("x", 1, 1.0);
      b.scalar("x", 2, 2.0);
    }
    List<SessionEvent> sessions = TestLogs.only(TestLogs.readRun(dir), SessionEvent.class);
    assertThat(sessions).extracting(SessionEvent::kind)
        .containsExactly(
            SessionEvent.Kind.START, SessionEvent.Kind.STOP,
            SessionEvent.Kind.START, SessionEvent.Kind.STOP);
    assertThat(sessions.get(0).wallTime()).isEqualTo(frozen.millis() / 1000.0);
  }

  @Test
  void segmentsRotateBySizeAndReadBackInOrder() throws IOException {
    List<ScalarEvent> written = TestLogs.sampleScalars(20_000);
    String session;
    try (EventLogWriter writer =
        EventLogWriter.open(
            dir,
            EventLogWriterOptions.defaults()
                .withFlushInterval(Duration.ofHours(1))
                .withSegmentMaxBytes(64 * 1024))) {
      session = writer.session();
      for (int i = 0; i < written.size(); i++) {
        writer.write(written.get(i));
        if (i % 1000 == 999) {
          writer.flush();
        }
      }
    }
    List<Path> segments = TestLogs.files(dir, session, EventKind.SCALAR);
    assertThat(segments).hasSizeGreaterThan(3);
    List<ScalarEvent> read = new ArrayList<>();
    for (Path segment : segments) {
      assertThat(Files.size(segment)).isLessThan(64 * 1024 + 64 * 1000);
      // Every segment stands alone: its own schema and dictionary.
      read.addAll(TestLogs.readWithArrowStreamReader(segment));
    }
    assertThat(read).containsExactlyElementsOf(written);
  }

  @Test
  void backgroundFlushMakesRowsVisibleWithoutAnExplicitFlush() throws Exception {
    try (EventLogWriter writer =
        EventLogWriter.open(dir, EventLogWriterOptions.defaults().withFlushInterval(Duration.ofMillis(50)))) {
      writer.scalar("accuracy", 7, 0.5);
      List<ScalarEvent> seen = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (seen.isEmpty() && System.nanoTime() < deadline) {
        List<Path> files = TestLogs.files(dir, writer.session(), EventKind.SCALAR);
        if (!files.isEmpty()) {
          try (EventLogTail tail = new EventLogTail(files.get(0))) {
            seen.addAll(TestLogs.only(new ArrayList<>(tail.poll()), ScalarEvent.class));
          }
        }
        Thread.sleep(10);
      }
      assertThat(seen).extracting(ScalarEvent::step).containsExactly(7L);
    }
  }

  @Test
  void aFullQueueBlocksThenFailsLoudlyAndLosesNothingAccepted() throws IOException {
    TextEvent first = new TextEvent("t", 1, 1.0, "one");
    TextEvent second = new TextEvent("t", 2, 2.0, "two");
    TextEvent third = new TextEvent("t", 3, 3.0, "three");
    try (EventLogWriter writer =
        EventLogWriter.open(
            dir,
            EventLogWriterOptions.defaults()
                .withFlushInterval(Duration.ofHours(1))
                .withMaxPendingEvents(2)
                .withEnqueueTimeout(Duration.ofMillis(100)))) {
      writer.write(first);
      writer.write(second);
      long start = System.nanoTime();
      assertThatThrownBy(() -> writer.write(new TextEvent("t", 99, 9.0, "rejected")))
          .isInstanceOf(EventLogQueueFullException.class)
          .hasMessageContaining("full");
      assertThat(System.nanoTime() - start).as("blocked for the timeout first")
          .isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
      writer.flush(); // frees the queue
      writer.write(third);
    }
    assertThat(TestLogs.only(TestLogs.readRun(dir), TextEvent.class)).containsExactly(first, second, third);
  }

  /**
   * Four one-row buffers and no patience: the logger outruns the writer thread at once. The
   * rejected scalar is reported by an exception; every scalar accepted before it is written.
   */
  @Test
  void aFullScalarQueueFailsLoudlyAndKeepsEveryAcceptedRow() throws IOException {
    long rejected = -1;
    try (EventLogWriter writer =
        EventLogWriter.open(
            dir,
            EventLogWriterOptions.defaults().withQueueCapacity(4).withEnqueueTimeout(Duration.ZERO))) {
      for (long step = 0; step < 10_000_000 && rejected < 0; step++) {
        try {
          writer.scalar("fast", step, step, step);
        } catch (EventLogQueueFullException e) {
          assertThat(e).hasMessageContaining("cannot keep up");
          rejected = step;
        }
      }
    }
    assertThat(rejected).as("the queue filled up").isPositive();
    List<ScalarEvent> read = TestLogs.only(TestLogs.readRun(dir), ScalarEvent.class);
    assertThat(read).hasSize((int) rejected);
    for (int i = 0; i < read.size(); i++) {
      assertThat(read.get(i)).isEqualTo(new ScalarEvent("fast", i, i, i));
    }
  }

  @Test
  void everyFsyncPolicyWritesTheSameRows() throws IOException {
    List<ScalarEvent> written = TestLogs.sampleScalars(3_000);
    for (FsyncPolicy policy : FsyncPolicy.values()) {
      Path run = dir.resolve(policy.name());
      try (EventLogWriter writer =
          EventLogWriter.open(
              run,
              EventLogWriterOptions.defaults()
                  .withFsyncPolicy(policy)
                  .withFlushInterval(Duration.ofMillis(1))
                  .withSegmentMaxBytes(16 * 1024))) {
        for (int i = 0; i < written.size(); i++) {
          writer.write(written.get(i));
          if (i % 500 == 0) {
            writer.flush();
          }
        }
      }
      assertThat(TestLogs.only(TestLogs.readRun(run), ScalarEvent.class))
          .as("%s", policy)
          .containsExactlyElementsOf(written);
    }
  }

  @Test
  void manyThreadsLogConcurrentlyAndEveryRowArrivesOnce() throws Exception {
    int threads = 4;
    int perThread = 50_000;
    try (EventLogWriter writer =
        EventLogWriter.open(dir, EventLogWriterOptions.defaults().withQueueCapacity(4096))) {
      List<Thread> loggers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String tag = "thread" + t;
        Thread logger =
            new Thread(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    writer.scalar(tag, i, i, i * 0.5);
                  }
                });
        logger.start();
        loggers.add(logger);
      }
      for (Thread logger : loggers) {
        logger.join();
      }
    }
    List<ScalarEvent> read = TestLogs.only(TestLogs.readRun(dir), ScalarEvent.class);
    assertThat(read).hasSize(threads * perThread);
    for (int t = 0; t < threads; t++) {
      String tag = "thread" + t;
      assertThat(read.stream().filter(e -> e.tag().equals(tag)).mapToLong(ScalarEvent::step))
          .as("each thread's rows in its order")
          .containsExactlyElementsOf(
              java.util.stream.LongStream.range(0, perThread).boxed().collect(java.util.stream.Collectors.toList()));
    }
  }

  @Test
  void badUseFailsLoudly() throws IOException {
    EventLogWriter writer = EventLogWriter.open(dir);
    assertThatThrownBy(() -> writer.scalar("", 1, 1.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer.scalar(null, 1, 1.0)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> writer.write(new GraphEvent(1.0, new ModelGraph(List.of()))))
        .isInstanceOf(IllegalArgumentException.class);
    writer.close();
    writer.close(); // idempotent
    assertThatThrownBy(() -> writer.scalar("loss", 1, 1.0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> EventLogWriterOptions.defaults().withFlushInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
