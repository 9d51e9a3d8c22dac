package dev.runboard.trainer;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.trainer.callbacks.ProgressBarCallback;
import dev.runboard.trainer.callbacks.ScalarLogCallback;
import dev.runboard.trainer.data.Dataset;
import dev.runboard.trainer.data.FashionMnist;
import dev.runboard.trainer.data.SyntheticDataset;
import dev.runboard.trainer.data.TrainTestData;
import dev.runboard.trainer.fit.EpochSummary;
import dev.runboard.trainer.fit.Metrics;
import dev.runboard.trainer.fit.Trainer;
import dev.runboard.trainer.fit.TrainingCallback;
import dev.runboard.trainer.nn.Adam;
import dev.runboard.trainer.nn.Mlp;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The demo the dashboard runs: a one-hidden-layer MLP on Fashion-MNIST (or, where that is not
 * installed, on {@link SyntheticDataset}), logging Keras-TensorBoard-style scalars into {@code
 * train/} and {@code validation/} under a run directory and Keras-style progress to a console.
 *
 * <p>Blocking; meant for a background thread. Interrupting that thread stops training between
 * batches: {@code run} then closes its log writers (flushing everything logged so far) and throws
 * {@link InterruptedException}.
 */
public final class DemoTraining {
  /** Synthetic stand-in sizes: big enough for smooth curves, small enough for a quick demo. */
  public static final int SYNTHETIC_TRAIN_SIZE = 12_000;
  public static final int SYNTHETIC_TEST_SIZE = 2_000;

  private static final Duration PROGRESS_REFRESH = Duration.ofMillis(250);

  private DemoTraining() {}

  /** Trains on Fashion-MNIST from Debian's default location, or synthetic data without it. */
  public static TrainingResult run(Path runDirectory, TrainingConfig config, PrintStream console)
      throws IOException, InterruptedException {
    return run(runDirectory, config, console, FashionMnist.DEFAULT_DIRECTORY);
  }

  /** Trains on Fashion-MNIST from {@code fashionMnistDirectory}, or synthetic data without it. */
  public static TrainingResult run(
      Path runDirectory, TrainingConfig config, PrintStream console, Path fashionMnistDirectory)
      throws IOException, InterruptedException {
    TrainTestData data = loadData(fashionMnistDirectory, config.seed(), console);
    return run(runDirectory, config, console, data);
  }

  /**
   * Fashion-MNIST from {@code fashionMnistDirectory} when installed there; otherwise, after saying
   * so on {@code console}, a synthetic set of the same shape generated from {@code seed}.
   */
  public static TrainTestData loadData(Path fashionMnistDirectory, long seed, PrintStream console)
      throws IOException {
    if (FashionMnist.isInstalled(fashionMnistDirectory)) {
      return FashionMnist.load(fashionMnistDirectory);
    }
    console.println(
        "Fashion-MNIST not found at " + fashionMnistDirectory
            + "; training on a synthetic dataset (install Debian's dataset-fashion-mnist for real data)");
    return SyntheticDataset.generate(SYNTHETIC_TRAIN_SIZE, SYNTHETIC_TEST_SIZE, seed);
  }

  /** Trains on the given data; the last {@code validationSplit} of its training set validates. */
  public static TrainingResult run(
      Path runDirectory, TrainingConfig config, PrintStream console, TrainTestData data)
      throws IOException, InterruptedException {
    Objects.requireNonNull(runDirectory, "runDirectory");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(console, "console");
    Objects.requireNonNull(data, "data");
    Dataset.Split split = data.train().split(config.validationSplit());
    Dataset train = split.first();
    Dataset validation = split.second();
    if (train.size() == 0) {
      throw new IllegalArgumentException(
          "validationSplit " + config.validationSplit() + " leaves no training examples out of "
              + data.train().size());
    }
    Mlp model =
        Mlp.denseRelu(
            train.featureCount(), List.of(config.hiddenUnits()), train.classCount(), config.seed());
    Trainer trainer =
        new Trainer(model, new Adam(model.parameters(), config.learningRate()), config.batchSize(), config.seed());

    console.printf(
        Locale.ROOT,
        "Training on %s: %d training, %d validation, %d test examples%n",
        data.name(), train.size(), validation.size(), data.test().size());
    console.printf(Locale.ROOT, "Model: %s (%,d parameters)%n", model, model.parameterCount());

    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before training started"); // e.g. while loading
    }
    boolean validate = validation.size() > 0;
    // Null resources are allowed in try-with-resources: no validation run without validation data.
    try (EventLogWriter trainLog = EventLogWriter.open(runDirectory.resolve(ScalarLogCallback.TRAIN_RUN));
        EventLogWriter validationLog =
            validate ? EventLogWriter.open(runDirectory.resolve(ScalarLogCallback.VALIDATION_RUN)) : null) {
      TrainingCallback callbacks =
          TrainingCallback.all(
              new ScalarLogCallback(trainLog, validationLog),
              new ProgressBarCallback(console, PROGRESS_REFRESH));
      List<EpochSummary> history =
          trainer.fit(train, validate ? validation : null, config.epochs(), callbacks);
      Metrics test = trainer.evaluate(data.test());
      console.printf(
          Locale.ROOT, "Test loss: %.4f - test accuracy: %.4f%n", test.loss(), test.accuracy());
      return new TrainingResult(test.loss(), test.accuracy(), history.size(), data.name());
    } catch (InterruptedException e) {
      console.println();
      console.println("Training interrupted; logs closed.");
      throw e;
    } catch (UncheckedIOException e) {
      // A log writer failed in the background; report it as the I/O error it is.
      throw e.getCause();
    }
  }
}
