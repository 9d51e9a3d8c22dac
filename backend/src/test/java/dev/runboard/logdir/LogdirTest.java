package dev.runboard.logdir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.data.DataClass;
import dev.runboard.data.DataUpdate;
import dev.runboard.data.RunInfo;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.ScalarQuery;
import dev.runboard.data.ScalarSeries;
import dev.runboard.data.UpdateFilter;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.EventLogWriterOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs, files and scalar series through the index, on real Arrow logs. */
class LogdirTest {
  @TempDir Path root;

  @Test
  void everyDirectoryWithLogFilesIsARunNamedByItsRelativePath() throws IOException {
    write(root, "loss", 0, 1.0);
    write(root.resolve("exp 1/train"), "loss", 0, 2.0);
    write(root.resolve("exp 1/validation"), "loss", 0, 3.0);
    Files.createDirectories(root.resolve("empty/dir"));
    Files.writeString(root.resolve("empty/notes.txt"), "not a log");

    try (SyncLogdir logdir = new SyncLogdir(root).refresh()) {
      assertThat(logdir.index.listRuns())
          .extracting(RunInfo::name)
          .containsExactly(".", "exp 1/train", "exp 1/validation");
      assertThat(logdir.index.status().firstLoadDone()).isTrue();
      assertThat(logdir.index.status().runsLoaded()).isEqualTo(3);
    }
  }

  @Test
  void runsCarryTheirTimesStepsSessionsAndTags() throws IOException {
    Path run = root.resolve("run");
    write(run, "loss", 1, 0.5);
    try (EventLogWriter writer =
        EventLogWriter.open(run, EventLogWriterOptions.defaults().withResumeStep(7))) {
      writer.scalar("loss", 7, 1_700_000_007.0, 0.4);
      writer.scalar("accuracy", 9, 1_700_000_009.0, 0.9);
    }
    try (SyncLogdir logdir = new SyncLogdir(root).refresh()) {
      RunInfo info = logdir.index.run("run").orElseThrow();
      assertThat(info.loaded()).isTrue();
      assertThat(info.lastStep()).isEqualTo(9);
      assertThat(info.lastWallTime()).isGreaterThanOrEqualTo(1_700_000_009.0);
      assertThat(info.firstWallTime()).isEqualTo(1_700_000_001.0);
      assertThat(info.sessions()).hasSize(2);
      assertThat(info.sessions().get(1).resumeStep()).isEqualTo(7);
      assertThat(info.tags(DataClass.SCALARS, "scalars")).containsExactly("accuracy", "loss");
    }
  }

  /** The run listing keeps its sorted series between reads, and sees every tag added since. */
  @Test
  void tagsAddedAfterAListingAreListedNextTime() throws IOException {
    Path run = root.resolve("run");
    write(run, "b", 1, 0.5);
    try (SyncLogdir logdir = new SyncLogdir(root).refresh()) {
      assertThat(logdir.index.run("run").orElseThrow().tags(DataClass.SCALARS, "scalars")).containsExactly("b");
      for (String tag : List.of("c", "a", "d")) {
        write(run, tag, 2, 0.4);
        logdir.refresh();
        assertThat(logdir.index.listRuns().get(0).series()).extracting(s -> s.tag()).contains(tag).isSorted();
      }
      assertThat(logdir.index.run("run").orElseThrow().tags(DataClass.SCALARS, "scalars"))
          .containsExactly("a", "b", "c", "d");
    }
  }

  @Test
  void readsAllFilesOfARunAndNewPointsAsTheyArrive() throws IOException {
    Path run = root.resolve("run");
    write(run, "loss", 1, 0.5);
    write(run, "loss", 2, 0.4); // a second writer session: a second file in the same run

    try (SyncLogdir logdir = new SyncLogdir(root).refresh()) {
      ScalarSeries first = read(logdir, "run", "loss", ScalarQuery.full());
      assertThat(first.steps()).containsExactly(1, 2);
      List<DataUpdate> updates = new CopyOnWriteArrayList<>();
      logdir.index.subscribe(UpdateFilter.all(), updates::add);

      try (EventLogWriter writer = EventLogWriter.open(run)) {
        writer.scalar("loss", 3, 100.0, 0.3);
        writer.scalar("accuracy", 3, 100.0, 0.9);
        writer.flush();
        logdir.refresh();
        List<DataUpdate.SeriesAdvanced> advanced = new ArrayList<>();
        updates.forEach(u -> {
          if (u instanceof DataUpdate.SeriesAdvanced s) {
            advanced.add(s);
          }
        });
        assertThat(advanced).extracting(DataUpdate.SeriesAdvanced::tag).containsExactlyInAnyOrder("accuracy", "loss");
        DataUpdate.SeriesAdvanced loss = advanced.stream().filter(s -> s.tag().equals("loss")).findFirst().orElseThrow();
        assertThat(loss.previousVersion()).isEqualTo(first.version());
        assertThat(loss.version()).isGreaterThan(first.version());
        assertThat(loss.appended().steps()).containsExactly(3);
        ScalarSeries delta = read(logdir, "run", "loss", ScalarQuery.since(first.version()));
        assertThat(delta.delta()).isTrue();
        assertThat(delta.steps()).containsExactly(3);
      }
      assertThat(read(logdir, "run", "loss", ScalarQuery.full()).steps()).containsExactly(1, 2, 3);
      assertThat(logdir.index.readScalars(RunTagFilter.one("run", "nope"), ScalarQuery.full())).isEmpty();
      assertThat(logdir.index.readScalars(RunTagFilter.one("nope", "loss"), ScalarQuery.full())).isEmpty();
    }
  }

  @Test
  void aCorruptFileIsAProblemWhileTheRestOfTheRunAndOtherRunsStillRead() throws IOException {
    Path run = root.resolve("run");
    write(run, "loss", 1, 0.5);
    byte[] garbage = new byte[256];
    java.util.Arrays.fill(garbage, (byte) 0x42);
    Files.write(run.resolve("events.0000000000000.1.0.scalar.00000.arrows"), garbage);
    write(root.resolve("other"), "loss", 7, 0.7);

    try (SyncLogdir logdir = new SyncLogdir(root).refresh()) {
      assertThat(read(logdir, "run", "loss", ScalarQuery.full()).steps()).containsExactly(1);
      assertThat(read(logdir, "other", "loss", ScalarQuery.full()).steps()).containsExactly(7);
      assertThat(logdir.index.status().problems())
          .anySatisfy(p -> {
            assertThat(p.run()).isEqualTo("run");
            assertThat(p.file()).isEqualTo("run/events.0000000000000.1.0.scalar.00000.arrows");
            assertThat(p.offset()).isZero();
          });
    }
  }

  @Test
  void aMissingLogdirIsEmptyUntilItAppears() throws IOException {
    Path later = root.resolve("not-yet");
    try (SyncLogdir logdir = new SyncLogdir(later).refresh()) {
      assertThat(logdir.index.listRuns()).isEmpty();
      write(later.resolve("run"), "loss", 0, 1.0);
      logdir.refresh();
      assertThat(logdir.index.listRuns()).extracting(RunInfo::name).containsExactly("run");
    }
  }

  @Test
  void deletedFilesAndRunsDisappear() throws IOException {
    Path run = root.resolve("run");
    write(run, "loss", 1, 0.5);
    write(run, "loss", 2, 0.4);
    write(root.resolve("gone"), "loss", 1, 0.5);
    try (SyncLogdir logdir = new SyncLogdir(root).refresh()) {
      List<DataUpdate> updates = new CopyOnWriteArrayList<>();
      logdir.index.subscribe(UpdateFilter.all(), updates::add);
      long before = read(logdir, "run", "loss", ScalarQuery.full()).version();
      // Delete the second session's files: its point goes, the first session's stays.
      try (var files = Files.list(run)) {
        List<Path> sorted = files.sorted().toList();
        for (Path f : sorted.subList(sorted.size() / 2, sorted.size())) {
          Files.delete(f);
        }
      }
      deleteTree(root.resolve("gone"));
      logdir.refresh();
      assertThat(logdir.index.listRuns()).extracting(RunInfo::name).containsExactly("run");
      ScalarSeries after = read(logdir, "run", "loss", ScalarQuery.full());
      assertThat(after.steps()).containsExactly(1);
      assertThat(after.version()).as("versions never go back").isGreaterThan(before);
      assertThat(updates).contains(new DataUpdate.RunRemoved("gone"));
    }
  }

  static ScalarSeries read(SyncLogdir logdir, String run, String tag, ScalarQuery query) {
    List<ScalarSeries> read = logdir.index.readScalars(RunTagFilter.one(run, tag), query);
    assertThat(read).as("%s/%s", run, tag).hasSize(1);
    return read.get(0);
  }

  static void write(Path runDirectory, String tag, long step, double value) throws IOException {
    try (EventLogWriter writer = EventLogWriter.open(runDirectory)) {
      writer.scalar(tag, step, 1_700_000_000.0 + step, value);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
