package dev.runboard.logdir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.tfevents.TfRecordWriter;
import dev.runboard.eventlog.tfevents.proto.EventProtos.Event;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.Summary;
import dev.runboard.data.DataClass;
import dev.runboard.data.RunInfo;
import dev.runboard.data.ScalarQuery;
import dev.runboard.data.ScalarSeries;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TensorBoard logdirs through the same index the API, dashboard and export use. */
class TfEventsLogdirTest {
  @TempDir Path root;

  @Test
  void testdataRunsTagsAndPointCountsAreExactlyTensorBoards() {
    try (SyncLogdir logdir = new SyncLogdir(TfEventsTestdata.root()).refresh()) {
      List<String> actual = new ArrayList<>();
      int points = 0;
      for (RunInfo run : logdir.index.listRuns()) {
        actual.add(run.name());
        for (String tag : run.tags(DataClass.SCALARS, "scalars")) {
          int size = LogdirTest.read(logdir, run.name(), tag, ScalarQuery.full()).size();
          actual.add("  " + tag + " " + size);
          points += size;
        }
      }
      assertThat(String.join("\n", actual) + "\n").isEqualTo(TfEventsTestdata.SCALARS_PER_RUN);
      assertThat(points).isEqualTo(TfEventsTestdata.SCALAR_POINTS);
    }
  }

  @Test
  void aRunWithSeveralEventFilesReadsThemAllInNameOrder() {
    try (SyncLogdir logdir = new SyncLogdir(TfEventsTestdata.root()).refresh()) {
      ScalarSeries loss = LogdirTest.read(
          logdir, "ZeroToMax-ZYZ__study_tensorboard/runs/my_first_experiment", "Metrics/Loss", ScalarQuery.full());
      // Python: events...1771594466... starts with 4.9337286949157715, ...1771596596... with
      // 4.825677871704102; each holds steps 0..99, so the steps repeat.
      assertThat(loss.steps()[0]).isZero();
      assertThat(loss.values()[0]).isEqualTo(4.9337286949157715);
      assertThat(loss.steps()[100]).isZero();
      assertThat(loss.values()[100]).isEqualTo(4.825677871704102);
      assertThat(loss.steps()[199]).isEqualTo(99);
    }
  }

  @Test
  void tfeventsAndArrowRunsMixAndDirectoriesWithSpacesAreRuns() throws IOException {
    writeScalars(root.resolve("exp 1/train"), "events.out.tfevents.100.host", 0, 3);
    writeScalars(root, "run.tfevents", 5, 2); // no "events.out." prefix; run "."
    try (EventLogWriter writer = EventLogWriter.open(root.resolve("arrow"))) {
      writer.scalar("loss", 0, 1.0, 0.5);
    }
    try (SyncLogdir logdir = new SyncLogdir(root).refresh()) {
      assertThat(logdir.index.listRuns()).extracting(RunInfo::name).containsExactly(".", "arrow", "exp 1/train");
      assertThat(LogdirTest.read(logdir, ".", "loss", ScalarQuery.full()).steps()).containsExactly(5, 6);
      assertThat(LogdirTest.read(logdir, "exp 1/train", "loss", ScalarQuery.full()).steps()).containsExactly(0, 1, 2);
    }
  }

  @Test
  void newFilesAndRecordsOfARunAreReadAsTheyAppearAndACorruptRecordDoesNotStopTheFile()
      throws IOException {
    Path run = root.resolve("run");
    writeScalars(run, "events.out.tfevents.200.host", 0, 2);
    try (SyncLogdir logdir = new SyncLogdir(root).refresh()) {
      // A corrupt record (random bytes with a plausible length) then a good one.
      byte[] bad = TfRecordWriter.frame(scalar(2).toByteArray());
      bad[bad.length - 1] ^= 0x55;
      byte[] garbage = new byte[40];
      new Random(1).nextBytes(garbage);
      append(run.resolve("events.out.tfevents.200.host"), bad, garbage, TfRecordWriter.frame(scalar(3).toByteArray()));
      writeScalars(run, "events.out.tfevents.300.host", 4, 1);
      logdir.refresh();
      assertThat(LogdirTest.read(logdir, "run", "loss", ScalarQuery.full()).steps()).containsExactly(0, 1, 3, 4);
      assertThat(logdir.index.status().problems()).extracting(p -> p.file())
          .contains("run/events.out.tfevents.200.host");
    }
  }

  @Test
  void aFileThatShrinksIsReadAgainFromTheStartWithAProblem() throws IOException {
    Path run = root.resolve("run");
    writeScalars(run, "events.out.tfevents.1.host", 0, 5);
    try (SyncLogdir logdir = new SyncLogdir(root).refresh()) {
      ScalarSeries before = LogdirTest.read(logdir, "run", "loss", ScalarQuery.full());
      assertThat(before.steps()).containsExactly(0, 1, 2, 3, 4);
      // Rewritten in place (same file, fewer bytes), as a tool that rewrites logs would.
      writeScalars(run, "events.out.tfevents.1.host", 40, 2);
      logdir.refresh();
      ScalarSeries after = LogdirTest.read(logdir, "run", "loss", ScalarQuery.full());
      assertThat(after.steps()).containsExactly(40, 41);
      assertThat(after.version()).as("versions never go back").isGreaterThan(before.version());
      assertThat(logdir.index.status().problems())
          .anySatisfy(p -> assertThat(p.message()).contains("reading the run again"));
    }
  }

  private static Event scalar(long step) {
    return Event.newBuilder()
        .setWallTime(1_600_000_000.0 + step)
        .setStep(step)
        .setSummary(Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(com.google.protobuf.ByteString.copyFromUtf8("loss")).setSimpleValue(step / 10f)))
        .build();
  }

  static void writeScalars(Path directory, String fileName, long firstStep, int count) throws IOException {
    Files.createDirectories(directory);
    try (OutputStream out = Files.newOutputStream(directory.resolve(fileName))) {
      TfRecordWriter writer = new TfRecordWriter(out);
      for (long step = firstStep; step < firstStep + count; step++) {
        writer.write(scalar(step).toByteArray());
      }
    }
  }

  private static void append(Path file, byte[]... parts) throws IOException {
    try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
      for (byte[] part : parts) {
        out.write(part);
      }
    }
  }
}
