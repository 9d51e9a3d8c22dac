package dev.runboard.logdir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.data.Blob;
import dev.runboard.data.BlobSequence;
import dev.runboard.data.DataClass;
import dev.runboard.data.HistogramValue;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.ScalarQuery;
import dev.runboard.data.ScalarSeries;
import dev.runboard.data.StepQuery;
import dev.runboard.data.TensorSeries;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.GraphEvent;
import dev.runboard.eventlog.GraphNode;
import dev.runboard.eventlog.Histogram;
import dev.runboard.eventlog.HistogramEvent;
import dev.runboard.eventlog.ImageEvent;
import dev.runboard.eventlog.ModelGraph;
import dev.runboard.eventlog.TextEvent;
import dev.runboard.index.IndexOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index within its memory budget and file-handle bound, and blobs read from their files. */
class IndexLimitsTest {
  @TempDir Path root;

  private static double value(int run, int tag, int step) {
    return Math.sin(run * 31 + tag * 7 + step * 0.01) + (step % 97 == 0 ? 100 : 0);
  }

  @Test
  void evictedSeriesAreReadBackExactlyUnderASmallBudget() throws IOException {
    int runs = 30;
    int tags = 4;
    int points = 3000;
    for (int r = 0; r < runs; r++) {
      try (EventLogWriter writer = EventLogWriter.open(root.resolve("run" + r))) {
        for (int s = 0; s < points; s++) {
          for (int t = 0; t < tags; t++) {
            writer.scalar("tag" + t, s, 1_700_000_000.0 + s, value(r, t, s));
          }
        }
        for (int s = 0; s < 20; s++) {
          writer.write(new HistogramEvent("weights", s, 1_700_000_000.0 + s, Histogram.of(new float[] {s, s + 1, 2 * s})));
        }
      }
    }
    long budget = 200_000; // a few series' worth: most must be evicted
    try (SyncLogdir logdir = new SyncLogdir(IndexOptions.defaults(root).withBudgetBytes(budget)).refresh()) {
      assertThat(logdir.index.status().residentBytes()).isLessThanOrEqualTo(budget);
      for (int r = 0; r < runs; r++) {
        for (int t = 0; t < tags; t++) {
          ScalarSeries s = LogdirTest.read(logdir, "run" + r, "tag" + t, ScalarQuery.full());
          assertThat(s.size()).isEqualTo(points);
          for (int i = 0; i < points; i += 101) {
            assertThat(s.steps()[i]).isEqualTo(i);
            assertThat(s.values()[i]).isEqualTo(value(r, t, i));
          }
          ScalarSeries m4 = LogdirTest.read(logdir, "run" + r, "tag" + t, ScalarQuery.downsampled(10));
          assertThat(m4.total()).isEqualTo(points);
          assertThat(m4.values()).contains(value(r, t, 0)); // a spike at step 0 survives
        }
        List<TensorSeries> h = logdir.index.readTensors("histograms", RunTagFilter.one("run" + r, "weights"), StepQuery.all());
        assertThat(h.get(0).data()).hasSize(20);
        assertThat(((HistogramValue) h.get(0).data().get(19).value()).max()).isEqualTo(38);
      }
      assertThat(logdir.index.status().residentBytes())
          .as("reads re-load series, eviction keeps the total near the budget")
          .isLessThanOrEqualTo(budget + 200_000);
    }
  }

  @Test
  void twoThousandFinishedRunsHoldNoOpenFiles() throws IOException {
    for (int r = 0; r < 2000; r++) {
      try (EventLogWriter writer = EventLogWriter.open(root.resolve(String.format("run%04d", r)))) {
        writer.scalar("loss", 0, 1_700_000_000.0, r);
      }
    }
    long before = openFiles();
    try (SyncLogdir logdir = new SyncLogdir(root).refresh()) {
      assertThat(logdir.index.listRuns()).hasSize(2000);
      assertThat(openFiles() - before).as("open file descriptors after loading 2000 runs").isLessThan(50);
      assertThat(LogdirTest.read(logdir, "run1999", "loss", ScalarQuery.full()).values()).containsExactly(1999);
    }
  }

  private static long openFiles() throws IOException {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  @Test
  void blobsAreReadFromTheirFilesByKey() throws IOException {
    byte[] png = java.util.Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");
    try (EventLogWriter writer = EventLogWriter.open(root.resolve("run"))) {
      for (int s = 0; s < 5; s++) {
        byte[] image = png.clone();
        image[image.length - 1] = (byte) s; // distinct bytes per step
        writer.write(new ImageEvent("samples", s, 1_700_000_000.0 + s, image, "image/png", 1, 1, 4));
        writer.write(new TextEvent("notes", s, 1_700_000_000.0 + s, "step **" + s + "**"));
      }
      writer.write(new GraphEvent(1_700_000_000.0, new ModelGraph(List.of(
          new GraphNode("input", "InputLayer", List.of(), List.of(-1L, 4L), 0, Map.of()),
          new GraphNode("dense", "Dense", List.of("input"), List.of(-1L, 2L), 10, Map.of())))));
    }
    try (SyncLogdir logdir = new SyncLogdir(root).refresh()) {
      List<BlobSequence> images = logdir.index.readBlobSequences("images", RunTagFilter.all(), StepQuery.sampled(3));
      assertThat(images).hasSize(1);
      assertThat(images.get(0).total()).isEqualTo(5);
      assertThat(images.get(0).data()).extracting(d -> d.step()).containsExactly(0L, 2L, 4L);
      Blob third = logdir.index.readBlob(images.get(0).data().get(2).blobs().get(0).key()).orElseThrow();
      assertThat(third.mediaType()).isEqualTo("image/png");
      assertThat(third.data()[third.data().length - 1]).isEqualTo((byte) 4);
      assertThat(images.get(0).data().get(0).blobs().get(0).attributes()).containsEntry("width", "1");

      BlobSequence notes = logdir.index.readBlobSequences("text", RunTagFilter.all(), StepQuery.all()).get(0);
      Blob text = logdir.index.readBlob(notes.data().get(3).blobs().get(0).key()).orElseThrow();
      assertThat(new String(text.data(), StandardCharsets.UTF_8)).isEqualTo("step **3**");

      BlobSequence graph = logdir.index.readBlobSequences("graphs", RunTagFilter.all(), StepQuery.all()).get(0);
      Blob json = logdir.index.readBlob(graph.data().get(0).blobs().get(0).key()).orElseThrow();
      assertThat(new String(json.data(), StandardCharsets.UTF_8)).contains("\"name\":\"dense\"", "\"params\":10");

      assertThat(logdir.index.readBlob("not-a-key")).isEmpty();
      assertThat(logdir.index.readBlob("Li4vLi4vZXRjL3Bhc3N3ZAAAMAAw")).isEmpty();
      assertThat(logdir.index.listSeries(DataClass.BLOB_SEQUENCES, null, RunTagFilter.all()))
          .extracting(s -> s.pluginName() + "/" + s.tag())
          .containsExactly("graphs/__run_graph__", "text/notes", "images/samples");
    }
  }

  @Test
  void formatVersion1LogsStillRead() throws IOException {
    // The fixture the event log's own compatibility test reads (module directory is the cwd).
    Path fixture = Path.of("../event-log/src/test/resources/format-v1/run");
    Path run = root.resolve("v1");
    Files.createDirectories(run);
    try (var files = Files.list(fixture)) {
      for (Path f : files.toList()) {
        Files.copy(f, run.resolve(f.getFileName()));
      }
    }
    try (SyncLogdir logdir = new SyncLogdir(root).refresh()) {
      ScalarSeries loss = LogdirTest.read(logdir, "v1", "loss", ScalarQuery.full());
      assertThat(loss.steps()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
      assertThat(loss.values()[3]).isEqualTo(0.25);
      assertThat(logdir.index.run("v1").orElseThrow().hparams()).containsEntry("opt", "adam");
      assertThat(logdir.index.status().problemsTotal()).isZero();
    }
  }
}
