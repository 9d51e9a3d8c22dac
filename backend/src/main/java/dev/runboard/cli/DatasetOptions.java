package dev.runboard.cli;

import dev.runboard.trainer.DemoTraining;
import dev.runboard.trainer.data.TrainTestData;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Which data the training commands use. */
final class DatasetOptions {
  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      defaultValue = DemoTraining.FASHION_MNIST,
      description = "fashion-mnist (default; Debian's dataset-fashion-mnist), cifar10 (binary"
          + " version, needs --data-dir) or synthetic.")
  String dataset;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the dataset's files are (fashion-mnist: /usr/share/datasets/fashion-mnist;"
          + " cifar10: your cifar-10-batches-bin/).")
  Path dataDirectory;

  /** Usage errors before anything starts (the demo loads data on its training thread). */
  void validate(CommandSpec spec) {
    if (!DemoTraining.DATASETS.contains(dataset)) {
      throw new ParameterException(
          spec.commandLine(), "--dataset must be one of " + DemoTraining.DATASETS + ", was " + dataset);
    }
    if (DemoTraining.CIFAR10.equals(dataset) && dataDirectory == null) {
      throw new ParameterException(spec.commandLine(), "--dataset cifar10 needs --data-dir (cifar-10-batches-bin/)");
    }
  }

  TrainTestData load(CommandSpec spec, long seed, PrintStream console) throws IOException {
    validate(spec);
    return DemoTraining.loadData(dataset, dataDirectory, seed, console);
  }
}
