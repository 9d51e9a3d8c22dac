package dev.runboard.trainer;

import static dev.runboard.trainer.RunLogs.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runboard.eventlog.LogEvent;
import dev.runboard.trainer.data.SyntheticDataset;
import dev.runboard.trainer.data.TrainTestData;
import dev.runboard.trainer.model.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTrainingTest {
  @TempDir Path runDirectory;

  private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
  private final PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);

  @Test
  void runsTheSeedExampleLoggingLiveAndSavingModels() throws Exception {
    TrainTestData data = SyntheticDataset.generate(500, 100, 3);
    // 500 examples, split 0.2: 400 train in 8 batches of 50, 100 validate.
    TrainingConfig config = TrainingConfig.defaults().withEpochs(2).withBatchSize(50);
    TrainingResult result = DemoTraining.run(runDirectory, config, console, data);

    assertThat(result.epochsRun()).isEqualTo(2);
    assertThat(result.testAccuracy()).isBetween(0.0, 1.0);
    assertThat(result.testLoss()).isPositive();
    List<LogEvent> train = RunLogs.read(runDirectory.resolve("train"));
    assertThat(steps(train, "batch_loss")).hasSize(16);
    assertThat(steps(train, "epoch_loss")).containsExactly(0L, 1L);
    assertThat(steps(RunLogs.read(runDirectory.resolve("validation")), "epoch_loss")).containsExactly(0L, 1L);

    String output = consoleBytes.toString(StandardCharsets.UTF_8);
    assertThat(output)
        .contains("Training on " + SyntheticDataset.NAME + ": 400 training, 100 validation, 100 test examples")
        .containsPattern("Backend: oneDNN \\d+\\.\\d+\\.\\d+ convolutions \\+ OpenBLAS")
        .contains("Total params: 93,322")
        .contains("Epoch 1/2", "Epoch 2/2")
        .containsPattern("8/8 \\[=+\\] - \\d+s \\d+ms/step - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4}"
            + " - val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}")
        .containsPattern("1/1 \\[=+\\] - \\d+s \\d+ms/step - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4}\\RTest loss:");
    // The final model and the best checkpoint are loadable models of the same architecture.
    Sequential saved = Sequential.load(runDirectory.resolve(DemoTraining.FINAL_MODEL_FILE));
    assertThat(saved.parameterCount()).isEqualTo(93_322);
    assertThat(Files.exists(runDirectory.resolve(DemoTraining.BEST_MODEL_FILE))).isTrue();
  }

  @Test
  void fallsBackToSyntheticDataAndSaysSo(@TempDir Path noDataset) throws Exception {
    TrainTestData data = DemoTraining.loadData(DemoTraining.FASHION_MNIST, noDataset, 1, console);
    assertThat(data.name()).isEqualTo(SyntheticDataset.NAME);
    assertThat(data.exampleShape()).containsExactly(28, 28, 1);
    assertThat(consoleBytes.toString(StandardCharsets.UTF_8))
        .contains(
            "Fashion-MNIST not found at " + noDataset + "; training on a synthetic dataset"
                + " (install Debian's dataset-fashion-mnist for real data)");
    assertThatThrownBy(() -> DemoTraining.loadData(DemoTraining.CIFAR10, null, 1, console))
        .hasMessageContaining("--data-dir");
  }

  @Test
  void withoutValidationThereIsNoValidationRunAndNoCheckpoint() throws Exception {
    TrainTestData data = SyntheticDataset.generate(200, 50, 4);
    TrainingConfig config =
        TrainingConfig.defaults().withModel(TrainingConfig.MLP).withEpochs(1).withBatchSize(100).withValidationSplit(0);
    DemoTraining.run(runDirectory, config, console, data);
    assertThat(steps(RunLogs.read(runDirectory.resolve("train")), "batch_loss")).hasSize(2);
    assertThat(runDirectory.resolve("validation")).doesNotExist();
    assertThat(runDirectory.resolve(DemoTraining.BEST_MODEL_FILE)).doesNotExist();
  }

  @Test
  void interruptionStopsTrainingAndClosesTheLogs() throws Exception {
    TrainTestData data = SyntheticDataset.generate(2_000, 100, 4);
    // Far more work than the test waits for: only an interrupt ends it in time.
    TrainingConfig config = TrainingConfig.defaults().withModel(TrainingConfig.MLP).withEpochs(1_000).withBatchSize(10);
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
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!consoleBytes.toString(StandardCharsets.UTF_8).contains("Epoch 2/") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    thread.interrupt();
    thread.join(20_000);

    assertThat(thread.isAlive()).isFalse();
    assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    // Every segment ended cleanly (RunLogs.read checks), the first epoch's logs are all there.
    assertThat(steps(RunLogs.read(runDirectory.resolve("train")), "epoch_loss")).contains(0L);
    assertThat(steps(RunLogs.read(runDirectory.resolve("validation")), "epoch_loss")).contains(0L);
    assertThat(consoleBytes.toString(StandardCharsets.UTF_8)).contains("Training interrupted");
  }

  @Test
  void configRejectsNonsense() {
    TrainingConfig defaults = TrainingConfig.defaults();
    assertThat(defaults.model()).isEqualTo("seed-cnn");
    assertThat(defaults.epochs()).isEqualTo(5);
    assertThat(defaults.batchSize()).isEqualTo(64);
    assertThat(defaults.validationSplit()).isEqualTo(0.2);
    assertThatThrownBy(() -> defaults.withEpochs(0)).hasMessage("epochs must be at least 1, was 0");
    assertThatThrownBy(() -> defaults.withBatchSize(-1)).hasMessage("batchSize must be at least 1, was -1");
    assertThatThrownBy(() -> defaults.withLearningRate(Double.NaN))
        .hasMessage("learningRate must be positive and finite, was NaN");
    assertThatThrownBy(() -> defaults.withModel("resnet"))
        .hasMessage("model must be one of [seed-cnn, mlp], was resnet");
    assertThatThrownBy(() -> defaults.withValidationSplit(1))
        .hasMessage("validationSplit must be in [0, 1), was 1.0");
  }
}
