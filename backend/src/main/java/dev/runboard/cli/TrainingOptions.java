package dev.runboard.cli;

import dev.runboard.trainer.TrainingConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Options of the commands that train a model. */
final class TrainingOptions {
  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "seed-cnn (the Keras CIFAR-10 CNN; default) or mlp (784-128-10).")
  String model;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "At most this many passes over the training set; early stopping may end sooner"
          + " (default: 5; demo: 10).")
  Integer epochs;

  @Option(names = "--batch-size", paramLabel = "B", description = "Examples per step (default: 64).")
  Integer batchSize;

  @Option(names = "--learning-rate", paramLabel = "LR", description = "Adam's learning rate (default: 0.001).")
  Double learningRate;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: 42).")
  Long seed;

  @Option(
      names = "--validation-split",
      paramLabel = "F",
      description = "Fraction of the training set held out for validation (default: 0.2).")
  Double validationSplit;

  @Option(
      names = "--train-examples",
      paramLabel = "N",
      description = "Train on the first N training examples only (default: all; demo: 15000).")
  Integer trainExamples;

  /** The defaults, overridden by the options given; invalid values are usage errors. */
  TrainingConfig toConfig(CommandSpec spec, TrainingConfig defaults) {
    try {
      TrainingConfig config = defaults;
      if (model != null) {
        config = config.withModel(model);
      }
      if (epochs != null) {
        config = config.withEpochs(epochs);
      }
      if (batchSize != null) {
        config = config.withBatchSize(batchSize);
      }
      if (learningRate != null) {
        config = config.withLearningRate(learningRate);
      }
      if (seed != null) {
        config = config.withSeed(seed);
      }
      if (validationSplit != null) {
        config = config.withValidationSplit(validationSplit);
      }
      if (trainExamples != null) {
        config = config.withTrainExamples(trainExamples);
      }
      return config;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "invalid training option: " + e.getMessage());
    }
  }
}
