package dev.runboard.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runboard.eventlog.EventKind;
import dev.runboard.eventlog.EventLogFiles;
import dev.runboard.eventlog.ScalarEvent;
import dev.runboard.eventlog.EventLogTail;
import dev.runboard.trainer.data.SyntheticDataset;
import dev.runboard.trainer.data.TrainTestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTrainingTest {
  @TempDir Path runDirectory;

  private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
  private final PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);

  private static final TrainingConfig TINY =
      TrainingConfig.demoDefaults().withEpochs(2).withBatchSize(50).withHiddenUnits(32).withSeed(3);

  @Test
  void logsKerasStyleScalarsForTrainAndValidation() throws Exception {
    // 1000 examples, validation split 0.1: 900 train in 18 batches of 50, 100 validation.
    TrainTestData data = SyntheticDataset.generate(1_000, 200, 3);
    TrainingResult result = DemoTraining.run(runDirectory, TINY, console, data);

    assertThat(result.epochsRun()).isEqualTo(2);
    assertThat(result.datasetName()).isEqualTo(SyntheticDataset.NAME);
    assertThat(result.testAccuracy()).isBetween(0.0, 1.0);
    assertThat(result.testLoss()).isPositive();

    List<ScalarEvent> train = readRun(runDirectory.resolve("train"));
    assertThat(steps(train, "batch_loss")).hasSize(36).startsWith(0L, 1L).endsWith(35L);
    assertThat(steps(train, "batch_accuracy")).hasSize(36);
    assertThat(steps(train, "epoch_loss")).containsExactly(0L, 1L);
    assertThat(steps(train, "epoch_accuracy")).containsExactly(0L, 1L);
    assertThat(steps(train, "epoch_learning_rate")).containsExactly(0L, 1L);
    assertThat(values(train, "epoch_learning_rate")).containsOnly(0.001);
    // The epoch value is the running mean after its last batch, as in Keras.
    assertThat(values(train, "epoch_loss").get(1)).isEqualTo(values(train, "batch_loss").get(35));

    List<ScalarEvent> validation = readRun(runDirectory.resolve("validation"));
    assertThat(validation).extracting(ScalarEvent::tag).containsOnly("epoch_loss", "epoch_accuracy");
    assertThat(steps(validation, "epoch_loss")).containsExactly(0L, 1L);
    assertThat(steps(validation, "epoch_accuracy")).containsExactly(0L, 1L);

    String output = consoleBytes.toString(StandardCharsets.UTF_8);
    assertThat(output)
        .contains("Training on " + SyntheticDataset.NAME + ": 900 training, 100 validation, 200 test examples")
        .contains("Epoch 1/2")
        .contains("Epoch 2/2")
        .containsPattern("18/18 \\[=+\\] - \\d+s \\d+ms/step - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4}"
            + " - val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}")
        .contains("Test loss:");
  }

  @Test
  void fallsBackToSyntheticDataAndSaysSo(@TempDir Path noDataset) throws Exception {
    TrainingConfig config = TINY.withEpochs(1).withBatchSize(500).withValidationSplit(0);
    TrainingResult result = DemoTraining.run(runDirectory, config, console, noDataset);

    assertThat(result.datasetName()).isEqualTo(SyntheticDataset.NAME);
    assertThat(consoleBytes.toString(StandardCharsets.UTF_8))
        .contains(
            "Fashion-MNIST not found at " + noDataset + "; training on a synthetic dataset"
                + " (install Debian's dataset-fashion-mnist for real data)");
    int batches = DemoTraining.SYNTHETIC_TRAIN_SIZE / 500;
    assertThat(steps(readRun(runDirectory.resolve("train")), "batch_loss")).hasSize(batches);
    // Without a validation split there is no validation run, as with Keras.
    assertThat(runDirectory.resolve("validation")).doesNotExist();
  }

  @Test
  void interruptionStopsTrainingAndClosesTheLogs() throws Exception {
    TrainTestData data = SyntheticDataset.generate(2_000, 100, 4);
    // Far more work than the test waits for: only an interrupt ends it in time.
    TrainingConfig config = TINY.withEpochs(1_000).withBatchSize(10);
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                DemoTraining.run(runDirectory, config, console, data);
              } catch (Throwable t) {
                outcome.set(t);
              }
            });
    thread.start();
    Path trainRun = runDirectory.resolve("train");
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!hasBatchLoss(trainRun) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    thread.interrupt();
    thread.join(20_000);

    assertThat(thread.isAlive()).isFalse();
    assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    for (Path run : List.of(trainRun, runDirectory.resolve("validation"))) {
      try (EventLogTail tail = new EventLogTail(logFile(run))) {
        tail.poll();
        assertThat(tail.ended()).as("log in %s closed cleanly", run).isTrue();
      }
    }
    assertThat(consoleBytes.toString(StandardCharsets.UTF_8)).contains("Training interrupted");
  }

  @Test
  void configRejectsNonsense() {
    TrainingConfig defaults = TrainingConfig.demoDefaults();
    assertThat(defaults.epochs()).isEqualTo(10);
    assertThat(defaults.batchSize()).isEqualTo(64);
    assertThat(defaults.hiddenUnits()).isEqualTo(128);
    assertThat(defaults.validationSplit()).isEqualTo(0.1);
    assertThatThrownBy(() -> defaults.withEpochs(0)).hasMessage("epochs must be at least 1, was 0");
    assertThatThrownBy(() -> defaults.withBatchSize(-1)).hasMessage("batchSize must be at least 1, was -1");
    assertThatThrownBy(() -> defaults.withLearningRate(Double.NaN))
        .hasMessage("learningRate must be positive and finite, was NaN");
    assertThatThrownBy(() -> defaults.withHiddenUnits(0)).hasMessage("hiddenUnits must be at least 1, was 0");
    assertThatThrownBy(() -> defaults.withValidationSplit(1))
        .hasMessage("validationSplit must be in [0, 1), was 1.0");
  }

  /** Polled while training runs: the directory may exist a moment before its log file does. */
  private static boolean hasBatchLoss(Path run) throws IOException {
    if (!Files.isDirectory(run)) {
      return false;
    }
    List<Path> logs;
    try (Stream<Path> files = Files.list(run)) {
      logs = files.filter(DemoTrainingTest::isScalarLog).collect(Collectors.toList());
    }
    if (logs.isEmpty()) {
      return false;
    }
    try (EventLogTail tail = new EventLogTail(logs.get(0))) {
      return !tail.poll().isEmpty();
    }
  }

  private static boolean isScalarLog(Path file) {
    return EventLogFiles.parse(file).filter(name -> name.kind() == EventKind.SCALAR).isPresent();
  }

  private static Path logFile(Path run) throws IOException {
    try (Stream<Path> files = Files.list(run)) {
      List<Path> logs = files.filter(DemoTrainingTest::isScalarLog).collect(Collectors.toList());
      assertThat(logs).as("event logs in %s", run).hasSize(1);
      return logs.get(0);
    }
  }

  private static List<ScalarEvent> readRun(Path run) throws IOException {
    try (EventLogTail tail = new EventLogTail(logFile(run))) {
      List<ScalarEvent> events =
          tail.poll().stream().map(ScalarEvent.class::cast).collect(Collectors.toList());
      assertThat(tail.ended()).isTrue();
      return events;
    }
  }

  private static List<Long> steps(List<ScalarEvent> events, String tag) {
    return events.stream().filter(e -> e.tag().equals(tag)).map(ScalarEvent::step).collect(Collectors.toList());
  }

  private static List<Double> values(List<ScalarEvent> events, String tag) {
    return events.stream().filter(e -> e.tag().equals(tag)).map(ScalarEvent::value).collect(Collectors.toList());
  }
}
