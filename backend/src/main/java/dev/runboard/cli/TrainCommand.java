package dev.runboard.cli;

import dev.runboard.eventlog.s3.S3Location;
import dev.runboard.logdir.LogdirSource;
import dev.runboard.trainer.DemoTraining;
import dev.runboard.trainer.TrainingConfig;
import dev.runboard.trainer.TrainingResult;
import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.CudaUnavailableException;
import dev.runboard.trainer.data.TrainTestData;
import dev.runboard.trainer.model.Sequential;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a model (no dashboard) into a new run of a log directory: the seed example, i.e. the"
          + " Keras CIFAR-10 CNN with EarlyStopping, ModelCheckpoint and the Runboard logger.",
      "With --resume, continue a model file it saved (model.rbmodel, or best_model.rbmodel saved at"
          + " an epoch's end) up to --epochs, exactly as if training had not stopped: same settings"
          + " and dataset as saved unless given again, logging into the run the file is in.",
      "Ends with the line: test_accuracy=<0..1> test_loss=<x>"
    })
final class TrainCommand implements Callable<Integer> {
  /** Notes the command saves with the model so that --resume finds the same data. */
  static final String DATASET_NOTE = "cli.dataset";

  static final String DATA_DIR_NOTE = "cli.data_dir";

  @Spec CommandSpec spec;
  @Mixin TrainingOptions training;
  @Mixin DatasetOptions data;
  @Mixin BackendOption backendOption;

  @Option(
      names = "--logdir",
      paramLabel = "DIR",
      defaultValue = "${env:RUNBOARD_LOGDIR:-./runs}",
      description = "Log directory to write the run into, or s3://bucket/prefix (default:"
          + " $RUNBOARD_LOGDIR, else ./runs).")
  String logdir;

  @Mixin S3EndpointOption s3;

  @Option(
      names = "--model-dir",
      paramLabel = "DIR",
      description = "Where the model files go when the logdir is s3:// (default: ./models/<run>);"
          + " with a local logdir they go into the run directory.")
  Path modelDir;

  @Option(
      names = "--run",
      paramLabel = "NAME",
      description = "Run directory name under the logdir (default: train-<time>; with --resume, the"
          + " directory the model file is in).")
  String run;

  @Option(
      names = "--resume",
      paramLabel = "FILE",
      description = "Continue training the model in FILE (a .rbmodel that train saved) from the epoch"
          + " it was saved at, with its optimizer state; --epochs is the epoch to end at.")
  Path resume;

  @Override
  public Integer call() throws Exception {
    if (resume != null) {
      return resume();
    }
    TrainingConfig config = training.toConfig(spec, TrainingConfig.defaults());
    Backend backend = backend();
    if (backend == null) {
      return 1;
    }
    TrainTestData dataset = data.load(spec, config.seed(), System.out);
    String runName = run != null ? run : RunNames.timestamped("train");
    Map<String, String> notes = new LinkedHashMap<>();
    notes.put(DATASET_NOTE, data.dataset);
    if (data.dataDirectory != null) {
      notes.put(DATA_DIR_NOTE, data.dataDirectory.toAbsolutePath().toString());
    }
    TrainingResult result;
    if (LogdirSource.isS3(logdir)) {
      URI runLocation = S3Location.parse(logdir).resolve(runName).toUri();
      if (s3.endpoint != null) {
        // The SDK's own setting, read by the event log writers' S3 clients.
        System.setProperty("aws.endpointUrl", s3.endpoint.toString());
      }
      Path models = modelDir != null ? modelDir : Path.of("models", runName);
      result = DemoTraining.run(runLocation, models, config, System.out, dataset, backend, notes);
    } else {
      result = DemoTraining.run(Path.of(logdir).resolve(runName), config, System.out, dataset, backend, notes);
    }
    printResult(result);
    return 0;
  }

  private Integer resume() throws Exception {
    if (LogdirSource.isS3(logdir)) {
      throw new ParameterException(spec.commandLine(), "--resume continues a run in a local --logdir, not " + logdir);
    }
    if (!Files.isRegularFile(resume)) {
      throw new ParameterException(spec.commandLine(), "--resume " + resume + " is not a file");
    }
    if (training.model != null) {
      throw new ParameterException(spec.commandLine(), "--model cannot change on --resume: the model is the file's");
    }
    Sequential model;
    try {
      model = Sequential.load(resume);
    } catch (IOException e) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": cannot resume: " + e.getMessage());
      return 1;
    }
    if (model.optimizer() == null) {
      spec.commandLine().getErr().println(
          spec.qualifiedName() + ": cannot resume: " + resume + " holds no optimizer state (saved uncompiled, or by a"
              + " Runboard before format version 2)");
      return 1;
    }
    TrainingConfig saved;
    try {
      saved = TrainingConfig.fromMetadata(model.metadata(), TrainingConfig.defaults());
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": cannot resume: " + resume + ": " + e.getMessage());
      return 1;
    }
    TrainingConfig config = training.toConfig(spec, saved);
    if (config.epochs() <= model.completedEpochs()) {
      throw new ParameterException(
          spec.commandLine(),
          "--epochs " + config.epochs() + ": " + resume + " has trained " + model.completedEpochs()
              + " epochs already; give the epoch to end at");
    }
    if (!spec.commandLine().getParseResult().hasMatchedOption("--dataset")
        && model.metadata().containsKey(DATASET_NOTE)) {
      data.dataset = model.metadata().get(DATASET_NOTE);
      if (data.dataDirectory == null && model.metadata().containsKey(DATA_DIR_NOTE)) {
        data.dataDirectory = Path.of(model.metadata().get(DATA_DIR_NOTE));
      }
    }
    Backend backend = backend();
    if (backend == null) {
      return 1;
    }
    TrainTestData dataset = data.load(spec, config.seed(), System.out);
    Path runDirectory = run != null ? Path.of(logdir).resolve(run) : resume.toAbsolutePath().getParent();
    TrainingResult result = DemoTraining.resume(model, runDirectory, config, System.out, dataset, backend);
    printResult(result);
    return 0;
  }

  /** The chosen backend, or null after saying why CUDA cannot run (exit status 1). */
  private Backend backend() {
    try {
      return backendOption.resolve();
    } catch (CudaUnavailableException e) {
      backendOption.unavailable(e);
      return null;
    }
  }

  private static void printResult(TrainingResult result) {
    System.out.printf(
        Locale.ROOT, "test_accuracy=%.4f test_loss=%.4f%n", result.testAccuracy(), result.testLoss());
  }
}
