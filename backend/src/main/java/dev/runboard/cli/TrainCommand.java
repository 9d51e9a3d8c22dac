package dev.runboard.cli;

import dev.runboard.trainer.DemoTraining;
import dev.runboard.trainer.TrainingConfig;
import dev.runboard.trainer.TrainingResult;
import dev.runboard.trainer.data.TrainTestData;
import dev.runboard.eventlog.s3.S3Location;
import dev.runboard.logdir.LogdirSource;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.CudaUnavailableException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a model (no dashboard) into a new run of a log directory: the seed example, i.e. the"
          + " Keras CIFAR-10 CNN with EarlyStopping, ModelCheckpoint and the Runboard logger.",
      "Ends with the line: test_accuracy=<0..1> test_loss=<x>"
    })
final class TrainCommand implements Callable<Integer> {
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
      description = "Run directory name under the logdir (default: train-<time>).")
  String run;

  @Override
  public Integer call() throws Exception {
    TrainingConfig config = training.toConfig(spec, TrainingConfig.defaults());
    Backend backend;
    try {
      backend = backendOption.resolve();
    } catch (CudaUnavailableException e) {
      return backendOption.unavailable(e);
    }
    String runName = run != null ? run : RunNames.timestamped("train");
    TrainingResult result;
    if (LogdirSource.isS3(logdir)) {
      URI runLocation = S3Location.parse(logdir).resolve(runName).toUri();
      if (s3.endpoint != null) {
        // The SDK's own setting, read by the event log writers' S3 clients.
        System.setProperty("aws.endpointUrl", s3.endpoint.toString());
      }
      Path models = modelDir != null ? modelDir : Path.of("models", runName);
      TrainTestData dataset = data.load(spec, config.seed(), System.out);
      result = DemoTraining.run(runLocation, models, config, System.out, dataset, backend);
    } else {
      TrainTestData dataset = data.load(spec, config.seed(), System.out);
      result = DemoTraining.run(Path.of(logdir).resolve(runName), config, System.out, dataset, backend);
    }
    System.out.printf(
        Locale.ROOT, "test_accuracy=%.4f test_loss=%.4f%n", result.testAccuracy(), result.testLoss());
    return 0;
  }
}
