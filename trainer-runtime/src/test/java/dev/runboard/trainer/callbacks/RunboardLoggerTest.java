package dev.runboard.trainer.callbacks;

import static dev.runboard.trainer.RunLogs.ofType;
import static dev.runboard.trainer.RunLogs.steps;
import static dev.runboard.trainer.RunLogs.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.eventlog.GraphEvent;
import dev.runboard.eventlog.GraphNode;
import dev.runboard.eventlog.HistogramEvent;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.RunMetadataEvent;
import dev.runboard.eventlog.ScalarEvent;
import dev.runboard.eventlog.SessionEvent;
import dev.runboard.eventlog.TextEvent;
import dev.runboard.trainer.RunLogs;
import dev.runboard.trainer.data.Dataset;
import dev.runboard.trainer.data.SyntheticDataset;
import dev.runboard.trainer.layers.Conv2D;
import dev.runboard.trainer.layers.Dense;
import dev.runboard.trainer.layers.Flatten;
import dev.runboard.trainer.layers.MaxPooling2D;
import dev.runboard.trainer.model.FitOptions;
import dev.runboard.trainer.model.Sequential;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunboardLoggerTest {
  @TempDir Path logDir;

  @Test
  void logsScalarsHistogramsGraphAndHyperparametersReadableByTheEventLogReader() throws Exception {
    Dataset data = SyntheticDataset.generate(250, 10, 4).train();
    Sequential model =
        new Sequential(
            new Conv2D(4, 3, 3, "relu").inputShape(28, 28, 1),
            new MaxPooling2D(2, 2),
            new Flatten(),
            new Dense(10, "softmax"));
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    // 200 training examples in batches of 50: 4 steps per epoch; 50 validate.
    model.fit(data.x(28, 28, 1), data.y(),
        FitOptions.fit().epochs(2).batchSize(50).validationSplit(0.2).verbose(0)
            .callbacks(new RunboardLogger(logDir, Map.of("dataset", "synthetic"))));

    List<LogEvent> train = RunLogs.read(logDir.resolve("train"));
    assertThat(steps(train, "batch_loss")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(steps(train, "batch_accuracy")).hasSize(8);
    assertThat(values(train, "batch_learning_rate")).containsOnly(0.001);
    assertThat(values(train, "batch_examples_per_second")).hasSize(8).allMatch(v -> v > 0);
    assertThat(steps(train, "epoch_loss")).containsExactly(0L, 1L);
    assertThat(steps(train, "epoch_accuracy")).containsExactly(0L, 1L);
    assertThat(values(train, "epoch_learning_rate")).containsExactly(0.001, 0.001);
    assertThat(values(train, "epoch_examples_per_second")).hasSize(2).allMatch(v -> v > 0);
    // The epoch value is the running mean after the epoch's last batch, as in Keras.
    assertThat(values(train, "epoch_loss").get(1)).isEqualTo(values(train, "batch_loss").get(7));
    assertThat(values(train, "update_ratio/conv2d")).hasSize(2).allMatch(v -> v > 0 && v < 1);
    assertThat(values(train, "update_ratio/dense")).hasSize(2);
    // System metrics: one sample at the start and one at the end (the interval is 10 s).
    assertThat(values(train, "system/rss_mb")).hasSizeGreaterThanOrEqualTo(2).allMatch(v -> v > 10);
    assertThat(values(train, "system/heap_used_mb")).hasSizeGreaterThanOrEqualTo(2).allMatch(v -> v > 0);
    assertThat(values(train, "system/process_cpu_percent")).hasSizeGreaterThanOrEqualTo(2).allMatch(v -> v >= 0);
    assertThat(steps(train, "system/gc_seconds")).startsWith(0L).endsWith(8L);
    TextEvent gpu = ofType(train, TextEvent.class).stream()
        .filter(t -> t.tag().equals("system/gpu")).findFirst().orElseThrow();
    boolean anyGpu = gpu.markdown().endsWith("GPU(s) through NVML");
    if (!anyGpu) {
      assertThat(gpu.markdown()).startsWith("no GPU metrics: ");
    }
    assertThat(values(train, "system/gpu0/utilization_percent")).as(gpu.markdown()).hasSize(anyGpu ? 2 : 0);

    List<HistogramEvent> histograms = ofType(train, HistogramEvent.class);
    assertThat(histograms.stream().map(HistogramEvent::tag).distinct().collect(Collectors.toList()))
        .containsExactlyInAnyOrder(
            "conv2d/kernel", "conv2d/bias", "conv2d/kernel/gradient", "conv2d/bias/gradient",
            "dense/kernel", "dense/bias", "dense/kernel/gradient", "dense/bias/gradient");
    HistogramEvent kernel =
        histograms.stream().filter(h -> h.tag().equals("conv2d/kernel") && h.step() == 1).findFirst().orElseThrow();
    assertThat(kernel.histogram().count()).isEqualTo(3 * 3 * 1 * 4);
    double[] weights = toDoubles(model.layers().get(0).weights().get(0).value().data());
    assertThat(kernel.histogram().min()).isEqualTo(min(weights));
    // Gradients are histogrammed over the epoch's four steps, not its last batch.
    HistogramEvent gradient = histograms.stream()
        .filter(h -> h.tag().equals("conv2d/kernel/gradient") && h.step() == 1).findFirst().orElseThrow();
    assertThat(gradient.histogram().count()).isEqualTo(4 * 3 * 3 * 1 * 4);
    assertThat(java.util.Arrays.stream(gradient.histogram().bucketCounts()).sum())
        .isCloseTo(4 * 36, org.assertj.core.api.Assertions.within(1e-9));

    List<GraphEvent> graphs = ofType(train, GraphEvent.class);
    assertThat(graphs).hasSize(1);
    assertThat(graphs.get(0).graph().nodes())
        .extracting(GraphNode::name)
        .containsExactly("sequential/input", "sequential/conv2d", "sequential/max_pooling2d",
            "sequential/flatten", "sequential/dense");
    GraphNode conv = graphs.get(0).graph().nodes().get(1);
    assertThat(conv.inputs()).containsExactly("sequential/input");
    assertThat(conv.outputShape()).containsExactly(-1L, 26L, 26L, 4L);
    assertThat(conv.parameterCount()).isEqualTo(40);
    assertThat(conv.attributes()).containsEntry("activation", "relu");

    List<RunMetadataEvent> metadata = ofType(train, RunMetadataEvent.class);
    assertThat(metadata).hasSize(1);
    assertThat(metadata.get(0).hparams())
        .containsEntry("optimizer", "adam")
        .containsEntry("learning_rate", 0.001)
        .containsEntry("batch_size", 50.0)
        .containsEntry("epochs", 2.0)
        .containsEntry("loss", "sparse_categorical_crossentropy")
        .containsEntry("dataset", "synthetic");

    List<LogEvent> validation = RunLogs.read(logDir.resolve("validation"));
    assertThat(ofType(validation, ScalarEvent.class).stream().map(ScalarEvent::tag).distinct())
        .containsExactlyInAnyOrder("epoch_loss", "epoch_accuracy");
    assertThat(steps(validation, "epoch_loss")).containsExactly(0L, 1L);
  }

  /** A resumed fit continues the step counts and says where it resumed in its START session events. */
  @Test
  void aResumedFitRecordsItsResumeStep() throws Exception {
    Dataset data = SyntheticDataset.generate(100, 10, 4).train();
    Sequential model = new Sequential(new Flatten().inputShape(28, 28, 1), new Dense(10, "softmax"));
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    // 80 training examples in batches of 20: 4 steps per epoch.
    FitOptions options = FitOptions.fit().batchSize(20).validationSplit(0.2).verbose(0);
    model.fit(data.x(28, 28, 1), data.y(), options.epochs(2).callbacks(new RunboardLogger(logDir)));
    FitOptions resumed = FitOptions.fit().batchSize(20).validationSplit(0.2).verbose(0).epochs(3).initialEpoch(2);
    model.fit(data.x(28, 28, 1), data.y(), resumed.callbacks(new RunboardLogger(logDir)));

    List<LogEvent> train = RunLogs.read(logDir.resolve("train"));
    assertThat(steps(train, "batch_loss")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    assertThat(steps(train, "epoch_loss")).containsExactly(0L, 1L, 2L);
    assertThat(ofType(train, SessionEvent.class).stream()
            .filter(e -> e.kind() == SessionEvent.Kind.START).map(SessionEvent::step))
        .containsExactlyInAnyOrder(0L, 8L);
    List<LogEvent> validation = RunLogs.read(logDir.resolve("validation"));
    assertThat(ofType(validation, SessionEvent.class).stream()
            .filter(e -> e.kind() == SessionEvent.Kind.START).map(SessionEvent::step))
        .containsExactlyInAnyOrder(0L, 2L);
  }

  private static double[] toDoubles(float[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      d[i] = values[i];
    }
    return d;
  }

  private static double min(double[] values) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : values) {
      m = Math.min(m, v);
    }
    return m;
  }
}
