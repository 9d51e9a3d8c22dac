package dev.runboard.trainer;



/**
 * Settings of a demo training run.
 *
 * @param epochs          passes over the training set, at least 1
 * @param batchSize       examples per gradient step, at least 1
 * @param learningRate    Adam's step size, positive
 * @param seed            makes initialisation, shuffling and synthetic data reproducible
 * @param hiddenUnits     width of the single hidden ReLU layer, at least 1
 * @param validationSplit fraction of the training set held out for validation, in [0, 1); 0
 *     disables validation
 */
public record TrainingConfig(
    int epochs,
    int batchSize,
    double learningRate,
    long seed,
    int hiddenUnits,
    double validationSplit) {
  public static final double DEFAULT_VALIDATION_SPLIT = 0.1;

  public TrainingConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, was " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learningRate must be positive and finite, was " + learningRate);
    }
    if (hiddenUnits < 1) {
      throw new IllegalArgumentException("hiddenUnits must be at least 1, was " + hiddenUnits);
    }
    if (!(validationSplit >= 0 && validationSplit < 1)) {
      throw new IllegalArgumentException(
          "validationSplit must be in [0, 1), was " + validationSplit);
    }
  }

  /** The classic Keras Fashion-MNIST tutorial: 784-128-10, Adam(0.001), 10 epochs of batch 64. */
  public static TrainingConfig demoDefaults() {
    return new TrainingConfig(10, 64, 0.001, 42, 128, DEFAULT_VALIDATION_SPLIT);
  }

  public TrainingConfig withEpochs(int epochs) {
    return new TrainingConfig(epochs, batchSize, learningRate, seed, hiddenUnits, validationSplit);
  }

  public TrainingConfig withBatchSize(int batchSize) {
    return new TrainingConfig(epochs, batchSize, learningRate, seed, hiddenUnits, validationSplit);
  }

  public TrainingConfig withLearningRate(double learningRate) {
    return new TrainingConfig(epochs, batchSize, learningRate, seed, hiddenUnits, validationSplit);
  }

  public TrainingConfig withSeed(long seed) {
    return new TrainingConfig(epochs, batchSize, learningRate, seed, hiddenUnits, validationSplit);
  }

  public TrainingConfig withHiddenUnits(int hiddenUnits) {
    return new TrainingConfig(epochs, batchSize, learningRate, seed, hiddenUnits, validationSplit);
  }

  public TrainingConfig withValidationSplit(double validationSplit) {
    return new TrainingConfig(epochs, batchSize, learningRate, seed, hiddenUnits, validationSplit);
  }
}
