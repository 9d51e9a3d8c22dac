package dev.runboard.trainer;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.Backends;
import dev.runboard.trainer.callbacks.Callback;
import dev.runboard.trainer.callbacks.EarlyStopping;
import dev.runboard.trainer.callbacks.ModelCheckpoint;
import dev.runboard.trainer.callbacks.RunboardLogger;
import dev.runboard.trainer.data.Cifar10;
import dev.runboard.trainer.data.Dataset;
import dev.runboard.trainer.data.FashionMnist;
import dev.runboard.trainer.data.SyntheticDataset;
import dev.runboard.trainer.data.TrainTestData;
import dev.runboard.trainer.layers.Dense;
import dev.runboard.trainer.layers.Flatten;
import dev.runboard.trainer.losses.SparseCategoricalCrossentropy;
import dev.runboard.trainer.metrics.Accuracy;
import dev.runboard.trainer.model.FitOptions;
import dev.runboard.trainer.model.History;
import dev.runboard.trainer.model.SeedModels;
import dev.runboard.trainer.model.Sequential;
import dev.runboard.trainer.optimizers.Adam;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code runboard train} and {@code runboard demo} run: the seed example (the Keras CIFAR-10
 * CNN with EarlyStopping, the Runboard logger and ModelCheckpoint) on a named dataset, logging
 * into a run directory: {@code train/} and {@code validation/} event logs (with PR curves of a slice
 * of the test set per epoch), {@code
 * best_model.rbmodel} (best validation loss) and {@code model.rbmodel} (the final model).
 *
 * <p>Blocking; meant for a background thread when a dashboard runs alongside. Interrupting the
 * thread stops training between batches: the logs are closed (everything logged so far is kept)
 * and {@link InterruptedException} is thrown.
 */
public final class DemoTraining {
  public static final String FASHION_MNIST = "fashion-mnist";
  public static final String CIFAR10 = "cifar10";
  public static final String SYNTHETIC = "synthetic";
  public static final List<String> DATASETS = List.of(FASHION_MNIST, CIFAR10, SYNTHETIC);

  /** Synthetic stand-in sizes: big enough for smooth curves, small enough for a quick demo. */
  public static final int SYNTHETIC_TRAIN_SIZE = 12_000;
  public static final int SYNTHETIC_TEST_SIZE = 2_000;

  public static final String BEST_MODEL_FILE = "best_model.rbmodel";
  public static final String FINAL_MODEL_FILE = "model.rbmodel";

  /** Test examples the PR curves are drawn from each epoch: enough for smooth curves, quick to predict. */
  static final int PR_CURVE_EXAMPLES = 1_000;
  static final int PR_CURVE_THRESHOLDS = 101;

  private DemoTraining() {}

  /**
   * Loads a dataset by name: {@code fashion-mnist} from {@code directory} (Debian's location when
   * null; a synthetic set of the same shape, announced on {@code console}, when not installed),
   * {@code cifar10} from {@code directory} (required), or {@code synthetic}.
   */
  public static TrainTestData loadData(String dataset, Path directory, long seed, PrintStream console)
      throws IOException {
    if (FASHION_MNIST.equals(dataset)) {
      Path dir = directory != null ? directory : FashionMnist.DEFAULT_DIRECTORY;
      if (FashionMnist.isInstalled(dir)) {
        return FashionMnist.load(dir);
      }
      console.println(
          "Fashion-MNIST not found at " + dir
              + "; training on a synthetic dataset (install Debian's dataset-fashion-mnist for real data)");
      return SyntheticDataset.generate(SYNTHETIC_TRAIN_SIZE, SYNTHETIC_TEST_SIZE, seed);
    }
    if (CIFAR10.equals(dataset)) {
      if (directory == null) {
        throw new IOException("CIFAR-10 needs --data-dir pointing at cifar-10-batches-bin/");
      }
      return Cifar10.load(directory);
    }
    if (SYNTHETIC.equals(dataset)) {
      return SyntheticDataset.generate(SYNTHETIC_TRAIN_SIZE, SYNTHETIC_TEST_SIZE, seed);
    }
    throw new IllegalArgumentException("dataset must be one of " + DATASETS + ", was " + dataset);
  }

  /** Builds the configured model for {@code data}'s example shape. */
  public static Sequential model(TrainingConfig config, TrainTestData data) {
    int[] shape = data.exampleShape();
    int classes = data.train().classCount();
    Sequential model;
    if (TrainingConfig.SEED_CNN.equals(config.model())) {
      if (shape.length != 3) {
        throw new IllegalArgumentException("the seed CNN needs image data, " + data.name() + " is flat");
      }
      model = SeedModels.seedCnn(shape[0], shape[1], shape[2], classes);
    } else {
      model =
          new Sequential(
              new Flatten().inputShape(shape), new Dense(128, "relu"), new Dense(classes, "softmax"));
    }
    model.initializerSeed(config.seed());
    model.compile(new Adam(config.learningRate()), new SparseCategoricalCrossentropy(), new Accuracy());
    return model;
  }

  public static TrainingResult run(
      Path runDirectory, TrainingConfig config, PrintStream console, TrainTestData data)
      throws IOException, InterruptedException {
    return run(runDirectory, config, console, data, Backends.selected());
  }

  /** As {@link #run(Path, TrainingConfig, PrintStream, TrainTestData)} on the given backend. */
  public static TrainingResult run(
      Path runDirectory, TrainingConfig config, PrintStream console, TrainTestData data, Backend backend)
      throws IOException, InterruptedException {
    return run(runDirectory, config, console, data, backend, Map.of());
  }

  /**
   * As {@link #run(Path, TrainingConfig, PrintStream, TrainTestData, Backend)}, saving {@code notes}
   * and the config with the model files ({@link Sequential#metadata()}): what a later {@link
   * #resume} reads back.
   */
  public static TrainingResult run(
      Path runDirectory, TrainingConfig config, PrintStream console, TrainTestData data, Backend backend,
      Map<String, String> notes) throws IOException, InterruptedException {
    Objects.requireNonNull(runDirectory, "runDirectory");
    return run(runDirectory.toUri(), runDirectory, config, console, data, backend, notes);
  }

  /**
   * As {@link #run(Path, TrainingConfig, PrintStream, TrainTestData, Backend, Map)}, logging to
   * {@code run} (a local directory's URI or {@code s3://bucket/prefix/run}) and saving the model
   * files in the local {@code modelDirectory}.
   */
  public static TrainingResult run(
      URI run, Path modelDirectory, TrainingConfig config, PrintStream console, TrainTestData data,
      Backend backend, Map<String, String> notes) throws IOException, InterruptedException {
    Objects.requireNonNull(run, "run");
    Files.createDirectories(Objects.requireNonNull(modelDirectory, "modelDirectory"));
    Objects.requireNonNull(config, "config");
    Sequential model = model(config, data);
    model.metadata().putAll(notes);
    model.metadata().putAll(config.toMetadata());
    return train(model, run, modelDirectory, config, console, data, backend);
  }

  /**
   * Continues the training a checkpoint or final model of {@link #run} saved: epochs {@code
   * model.completedEpochs() + 1} to {@code config.epochs()}, logging into {@code runDirectory}
   * (usually the run it came from: its event logs then continue, the new sessions starting at the
   * resumed step). With the same config and data, every epoch's results equal those of an
   * uninterrupted run, bit for bit. EarlyStopping and ModelCheckpoint's best value start afresh,
   * as in Keras.
   *
   * @param model a model {@link Sequential#load} read, compiled, with its training state
   * @throws IllegalArgumentException when the model cannot resume (uncompiled: saved without its
   *     optimizer) or {@code config.epochs()} is not beyond its completed epochs
   */
  public static TrainingResult resume(
      Sequential model, Path runDirectory, TrainingConfig config, PrintStream console, TrainTestData data,
      Backend backend) throws IOException, InterruptedException {
    if (model.optimizer() == null) {
      throw new IllegalArgumentException("the model was saved without its optimizer: it cannot resume");
    }
    if (config.epochs() <= model.completedEpochs()) {
      throw new IllegalArgumentException(
          "the model has trained " + model.completedEpochs() + " epochs already: ask for more than that");
    }
    model.metadata().putAll(config.toMetadata());
    return train(model, runDirectory.toUri(), runDirectory, config, console, data, backend);
  }

  /** Trains {@code model}, logging to {@code run} and saving its files in {@code runDirectory}. */
  private static TrainingResult train(
      Sequential model, URI run, Path runDirectory, TrainingConfig config, PrintStream console, TrainTestData data,
      Backend backend) throws IOException, InterruptedException {
    Objects.requireNonNull(runDirectory, "runDirectory");
    Objects.requireNonNull(console, "console");
    Dataset train = data.train();
    if (config.trainExamples() > 0 && config.trainExamples() < train.size()) {
      train = train.slice(0, config.trainExamples());
    }
    model.backend(backend);
    int initialEpoch = model.completedEpochs();
    int validation = train.size() - (int) Math.floor(train.size() * (1.0 - config.validationSplit()));
    console.printf(
        Locale.ROOT, "Training on %s: %d training, %d validation, %d test examples%n",
        data.name(), train.size() - validation, validation, data.test().size());
    console.printf(Locale.ROOT, "Backend: %s%n", model.backend().name());
    if (initialEpoch > 0) {
      console.printf(
          Locale.ROOT, "Resuming after epoch %d (optimizer step %d) up to epoch %d%n",
          initialEpoch, model.optimizer().iterations(), config.epochs());
    }
    model.summary(console);

    List<Callback> callbacks = new ArrayList<>();
    if (validation > 0) {
      callbacks.add(new EarlyStopping("val_loss", 3, true, 0, console));
      callbacks.add(new ModelCheckpoint(runDirectory.resolve(BEST_MODEL_FILE), "val_loss", true, console));
    }
    int[] shape = data.exampleShape();
    // PR curves (one per class, against the rest) on a slice of the test set, every epoch.
    Dataset curves = data.test().slice(0, Math.min(PR_CURVE_EXAMPLES, data.test().size()));
    int[] curveLabels = new int[curves.size()];
    for (int i = 0; i < curveLabels.length; i++) {
      curveLabels[i] = curves.label(i);
    }
    callbacks.add(
        new RunboardLogger(run, Map.of("dataset", data.name(), "model", config.model()))
            .withPrCurves(curves.x(shape), curveLabels, PR_CURVE_THRESHOLDS));
    History history;
    try {
      history =
          model.fit(
              train.x(shape), train.y(),
              FitOptions.fit()
                  .epochs(config.epochs())
                  .initialEpoch(initialEpoch)
                  .batchSize(config.batchSize())
                  .validationSplit(config.validationSplit())
                  .seed(config.seed())
                  .console(console)
                  .callbacks(callbacks));
    } catch (InterruptedException e) {
      console.println();
      console.println("Training interrupted; logs closed.");
      throw e;
    } catch (UncheckedIOException e) {
      throw e.getCause(); // a log or checkpoint write failed: report it as the I/O error it is
    }
    Map<String, Double> test = model.evaluate(data.test().x(shape), data.test().y(), 256, console);
    console.printf(
        Locale.ROOT, "Test loss: %.4f - test accuracy: %.4f%n", test.get("loss"), test.get("accuracy"));
    Path saved = runDirectory.resolve(FINAL_MODEL_FILE);
    model.save(saved);
    console.println("Model saved to " + saved);
    return new TrainingResult(test.get("loss"), test.get("accuracy"), model.completedEpochs(), data.name());
  }
}
