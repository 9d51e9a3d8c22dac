package dev.runboard.logdir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.plugin.RunInfo;
import dev.runboard.plugin.ScalarSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogdirTest {
  @TempDir Path root;

  @Test
  void everyDirectoryWithLogFilesIsARunNamedByItsRelativePath() throws IOException {
    write(root, "loss", 0, 1.0);
    write(root.resolve("exp 1/train"), "loss", 0, 2.0);
    write(root.resolve("exp 1/validation"), "loss", 0, 3.0);
    Files.createDirectories(root.resolve("empty/dir"));
    Files.writeString(root.resolve("empty/notes.txt"), "not a log");

    try (Logdir logdir = new Logdir(root)) {
      assertThat(logdir.scan())
          .extracting(RunInfo::name)
          .containsExactlyInAnyOrder(".", "exp 1/train", "exp 1/validation");
      assertThat(logdir.runs())
          .extracting(RunInfo::name)
          .containsExactly(".", "exp 1/train", "exp 1/validation");
      assertThat(logdir.scan()).as("nothing new on a second scan").isEmpty();
    }
  }

  @Test
  void readsAllFilesOfARunAndOnlyNewPointsOnEachRead() throws IOException {
    Path run = root.resolve("run");
    write(run, "loss", 1, 0.5);
    write(run, "loss", 2, 0.4); // a second writer session: a second file in the same run

    try (Logdir logdir = new Logdir(root)) {
      logdir.scan();
      List<ScalarSeries> first = logdir.read();
      assertThat(first).hasSize(1);
      assertThat(first.get(0).offset()).isZero();
      assertThat(first.get(0).steps()).containsExactly(1, 2);

      try (EventLogWriter writer = EventLogWriter.open(run)) {
        writer.scalar("loss", 3, 100.0, 0.3);
        writer.scalar("accuracy", 3, 100.0, 0.9);
        writer.flush();
        logdir.scan(); // picks up the new file
        List<ScalarSeries> second = logdir.read();
        assertThat(second).extracting(ScalarSeries::tag).containsExactly("accuracy", "loss");
        ScalarSeries loss = second.get(1);
        assertThat(loss.offset()).isEqualTo(2);
        assertThat(loss.steps()).containsExactly(3);
        assertThat(logdir.read()).isEmpty();
      }
      assertThat(logdir.scalars("run", "loss").orElseThrow().steps()).containsExactly(1, 2, 3);
      assertThat(logdir.scalarTags("run")).containsExactly("accuracy", "loss");
      assertThat(logdir.scalars("run", "nope")).isEmpty();
      assertThat(logdir.scalars("nope", "loss")).isEmpty();
    }
  }

  @Test
  void aCorruptFileIsSkippedWhileTheRestOfTheRunAndOtherRunsStillRead() throws IOException {
    Path run = root.resolve("run");
    write(run, "loss", 1, 0.5);
    byte[] garbage = new byte[256];
    java.util.Arrays.fill(garbage, (byte) 0x42);
    Files.write(run.resolve("events.0000000000000.1.0.arrows"), garbage);
    write(root.resolve("other"), "loss", 7, 0.7);

    try (Logdir logdir = new Logdir(root)) {
      logdir.scan();
      assertThat(logdir.read()).extracting(ScalarSeries::run).containsExactly("other", "run");
      assertThat(logdir.scalars("run", "loss").orElseThrow().steps()).containsExactly(1);
    }
  }

  @Test
  void aTornTailIsReportedOnceItOutlivesARead() throws IOException {
    Path runDirectory = root.resolve("crashed");
    write(runDirectory, "loss", 1, 0.5);
    Path scalars;
    try (java.util.stream.Stream<Path> files = Files.list(runDirectory)) {
      scalars = files.filter(f -> f.getFileName().toString().contains(".scalar.")).findFirst().orElseThrow();
    }
    // Chop the file inside its last message, as a writer killed mid-write would leave it.
    byte[] full = Files.readAllBytes(scalars);
    Files.write(scalars, java.util.Arrays.copyOf(full, full.length - 20));

    try (Run run = new Run("crashed", runDirectory)) {
      run.discoverFiles();
      run.readNewData();
      assertThat(run.tornTails()).as("not yet: a live writer may be mid-record").isEmpty();
      run.readNewData();
      assertThat(run.tornTails()).containsOnlyKeys(scalars);
      assertThat(run.tornTails().get(scalars)).contains("incomplete record").contains("byte ");

      Files.write(scalars, full); // the rest arrives after all
      run.readNewData();
      assertThat(run.tornTails()).isEmpty();
      assertThat(run.scalars("loss").orElseThrow().steps()).containsExactly(1);
    }
  }

  @Test
  void aMissingLogdirIsEmptyUntilItAppears() throws IOException {
    Path later = root.resolve("not-yet");
    try (Logdir logdir = new Logdir(later)) {
      assertThat(logdir.scan()).isEmpty();
      write(later.resolve("run"), "loss", 0, 1.0);
      assertThat(logdir.scan()).extracting(RunInfo::name).containsExactly("run");
    }
  }

  private static void write(Path runDirectory, String tag, long step, double value) throws IOException {
    try (EventLogWriter writer = EventLogWriter.open(runDirectory)) {
      writer.scalar(tag, step, 1_700_000_000.0 + step, value);
    }
  }
}
