package dev.runboard.cli;

import dev.runboard.trainer.TrainingConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Options of the commands that train the demo model. */
final class TrainingOptions {
  @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training set (default: 10; demo: 40).")
  Integer epochs;

  @Option(names = "--batch-size", paramLabel = "B", description = "Examples per step (default: 64).")
  Integer batchSize;

  @Option(
      names = "--learning-rate",
      paramLabel = "LR",
      description = "Adam's learning rate (default: 0.001).")
  Double learningRate;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: 42).")
  Long seed;

  /** The defaults, overridden by the options given; invalid values are usage errors. */
  TrainingConfig toConfig(CommandSpec spec, TrainingConfig defaults) {
    try {
      TrainingConfig config = defaults;
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
      return config;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "invalid training option: " + e.getMessage());
    }
  }
}
