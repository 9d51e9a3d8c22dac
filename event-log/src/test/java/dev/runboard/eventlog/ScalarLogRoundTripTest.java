package dev.runboard.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScalarLogRoundTripTest {
  @TempDir Path dir;

  @Test
  void rowsWrittenInSeveralBatchesReadBackWithArrowsOwnStreamReader() throws IOException {
    List<ScalarEvent> written = sampleEvents(2_500);
    Path file = writeLog(dir.resolve("run a"), written, 1000);

    assertThat(EventLogFiles.isEventLog(file)).isTrue();
    assertThat(file.getParent()).isEqualTo(dir.resolve("run a"));
    assertThat(readWithArrowStreamReader(file)).containsExactlyElementsOf(written);
  }

  @Test
  void tailReadsACompletedFileAndSeesItsEnd() throws IOException {
    List<ScalarEvent> written = sampleEvents(300);
    Path file;
    try (ScalarLogWriter writer = ScalarLogWriter.open(dir)) {
      file = writer.file();
      written.forEach(e -> writer.log(e.tag(), e.step(), e.wallTime(), e.value()));
    }
    try (ScalarLogTail tail = new ScalarLogTail(file)) {
      assertThat(tail.poll()).containsExactlyElementsOf(written);
      assertThat(tail.ended()).isTrue();
      assertThat(tail.poll()).isEmpty();
    }
  }

  @Test
  void nanAndInfinitiesSurviveTheRoundTrip() throws IOException {
    Path file;
    try (ScalarLogWriter writer = ScalarLogWriter.open(dir)) {
      file = writer.file();
      writer.log("loss", -3, 1.5, Double.NaN);
      writer.log("loss", 0, 2.5, Double.POSITIVE_INFINITY);
      writer.log("λ/ünïcode", Long.MAX_VALUE, 3.5, -0.0);
    }
    assertThat(readWithArrowStreamReader(file))
        .containsExactly(
            new ScalarEvent("loss", -3, 1.5, Double.NaN),
            new ScalarEvent("loss", 0, 2.5, Double.POSITIVE_INFINITY),
            new ScalarEvent("λ/ünïcode", Long.MAX_VALUE, 3.5, -0.0));
  }

  /** A trainer is stopped by interrupting its thread; its last rows must still reach the file. */
  @Test
  void aCallerWhoseThreadIsInterruptedLosesNothing() throws IOException {
    Path file;
    Thread.currentThread().interrupt();
    try (ScalarLogWriter writer = ScalarLogWriter.open(dir)) {
      file = writer.file();
      writer.log("loss", 1, 1.0, 0.5);
      writer.flush();
      writer.log("loss", 2, 2.0, 0.25);
    } finally {
      assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    }
    assertThat(readWithArrowStreamReader(file))
        .containsExactly(new ScalarEvent("loss", 1, 1.0, 0.5), new ScalarEvent("loss", 2, 2.0, 0.25));
  }

  @Test
  void twoWritersOnOneRunNeverShareAFile() throws IOException {
    Clock frozen = Clock.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
    try (ScalarLogWriter a = ScalarLogWriter.open(dir, Duration.ofSeconds(1), frozen);
        ScalarLogWriter b = ScalarLogWriter.open(dir, Duration.ofSeconds(1), frozen)) {
      assertThat(a.file()).isNotEqualTo(b.file());
    }
  }

  @Test
  void badUseFailsLoudly() throws IOException {
    ScalarLogWriter writer = ScalarLogWriter.open(dir);
    assertThatThrownBy(() -> writer.log("", 1, 1.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer.log(null, 1, 1.0)).isInstanceOf(IllegalArgumentException.class);
    writer.close();
    assertThatThrownBy(() -> writer.log("loss", 1, 1.0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> ScalarLogWriter.open(dir, Duration.ZERO, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static List<ScalarEvent> sampleEvents(int n) {
    List<ScalarEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String tag = i % 3 == 0 ? "batch_loss" : i % 3 == 1 ? "batch_accuracy" : "learning_rate";
      events.add(new ScalarEvent(tag, i / 3, 1_700_000_000.25 + i, Math.sin(i) * 1e3));
    }
    return events;
  }

  /** Writes the events to a new log in {@code runDirectory}, one batch per {@code batchRows}. */
  static Path writeLog(Path runDirectory, List<ScalarEvent> events, int batchRows) throws IOException {
    try (ScalarLogWriter writer = ScalarLogWriter.open(runDirectory)) {
      for (int i = 0; i < events.size(); i++) {
        ScalarEvent e = events.get(i);
        writer.log(e.tag(), e.step(), e.wallTime(), e.value());
        if (i % batchRows == batchRows - 1) {
          writer.flush();
        }
      }
      return writer.file();
    }
  }

  /** Reads a file with Arrow's stock stream reader, independent of {@link ScalarLogTail}. */
  static List<ScalarEvent> readWithArrowStreamReader(Path file) throws IOException {
    List<ScalarEvent> events = new ArrayList<>();
    try (RootAllocator allocator = new RootAllocator();
        FileChannel channel = FileChannel.open(file);
        ArrowStreamReader reader = new ArrowStreamReader(channel, allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      assertThat(root.getSchema().getCustomMetadata())
          .containsEntry("runboard.kind", "scalar")
          .containsEntry("runboard.format_version", "0");
      while (reader.loadNextBatch()) {
        VarCharVector tags = (VarCharVector) root.getVector("tag");
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
    return events;
  }
}
