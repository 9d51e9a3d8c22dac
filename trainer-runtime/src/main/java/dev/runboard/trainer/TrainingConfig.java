package dev.runboard.trainer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of a CLI or demo training run.
 *
 * @param model           {@code seed-cnn} (the Keras CIFAR-10 CNN) or {@code mlp} (784-128-10)
 * @param epochs          at most this many passes over the training set (early stopping may end
 *     sooner), at least 1
 * @param batchSize       examples per gradient step, at least 1
 * @param learningRate    Adam's step size, positive
 * @param seed            makes initialisation, shuffling, dropout and synthetic data reproducible
 * @param validationSplit fraction of the training set held out for validation, in [0, 1); 0
 *     disables validation (and with it early stopping and checkpoints)
 * @param trainExamples   use only the first this many training examples; 0 for all
 */
public record TrainingConfig(
    String model,
    int epochs,
    int batchSize,
    double learningRate,
    long seed,
    double validationSplit,
    int trainExamples) {
  public static final String SEED_CNN = "seed-cnn";
  public static final String MLP = "mlp";
  public static final List<String> MODELS = List.of(SEED_CNN, MLP);
  /** The seed example's split. */
  public static final double DEFAULT_VALIDATION_SPLIT = 0.2;

  public TrainingConfig {
    if (!MODELS.contains(model)) {
      throw new IllegalArgumentException("model must be one of " + MODELS + ", was " + model);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, was " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive and finite, was " + learningRate);
    }
    if (!(validationSplit >= 0 && validationSplit < 1)) {
      throw new IllegalArgumentException("validationSplit must be in [0, 1), was " + validationSplit);
    }
    if (trainExamples < 0) {
      throw new IllegalArgumentException("trainExamples must not be negative, was " + trainExamples);
    }
  }

  /** Prefix of the keys {@link #toMetadata()} writes. */
  public static final String METADATA_PREFIX = "train.";

  /** The seed example: the CNN, Adam(0.001), batch 64, validation split 0.2; 5 epochs. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(SEED_CNN, 5, 64, 0.001, 42, DEFAULT_VALIDATION_SPLIT, 0);
  }

  public TrainingConfig withModel(String model) {
    return new TrainingConfig(model, epochs, batchSize, learningRate, seed, validationSplit, trainExamples);
  }

  public TrainingConfig withEpochs(int epochs) {
    return new TrainingConfig(model, epochs, batchSize, learningRate, seed, validationSplit, trainExamples);
  }

  public TrainingConfig withBatchSize(int batchSize) {
    return new TrainingConfig(model, epochs, batchSize, learningRate, seed, validationSplit, trainExamples);
  }

  public TrainingConfig withLearningRate(double learningRate) {
    return new TrainingConfig(model, epochs, batchSize, learningRate, seed, validationSplit, trainExamples);
  }

  public TrainingConfig withSeed(long seed) {
    return new TrainingConfig(model, epochs, batchSize, learningRate, seed, validationSplit, trainExamples);
  }

  public TrainingConfig withValidationSplit(double validationSplit) {
    return new TrainingConfig(model, epochs, batchSize, learningRate, seed, validationSplit, trainExamples);
  }

  public TrainingConfig withTrainExamples(int trainExamples) {
    return new TrainingConfig(model, epochs, batchSize, learningRate, seed, validationSplit, trainExamples);
  }

  /** These settings as model metadata ({@code train.batch_size=64}, ...), so that a resume can reuse them. */
  public Map<String, String> toMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(METADATA_PREFIX + "model", model);
    m.put(METADATA_PREFIX + "epochs", Integer.toString(epochs));
    m.put(METADATA_PREFIX + "batch_size", Integer.toString(batchSize));
    m.put(METADATA_PREFIX + "learning_rate", Double.toString(learningRate));
    m.put(METADATA_PREFIX + "seed", Long.toString(seed));
    m.put(METADATA_PREFIX + "validation_split", Double.toString(validationSplit));
    m.put(METADATA_PREFIX + "train_examples", Integer.toString(trainExamples));
    return m;
  }

  /**
   * {@code defaults} with every setting {@link #toMetadata()} left in {@code metadata}.
   *
   * @throws IllegalArgumentException when a saved value is malformed or invalid
   */
  public static TrainingConfig fromMetadata(Map<String, String> metadata, TrainingConfig defaults) {
    TrainingConfig c = defaults;
    try {
      for (Map.Entry<String, String> e : metadata.entrySet()) {
        if (!e.getKey().startsWith(METADATA_PREFIX)) {
          continue;
        }
        String v = e.getValue();
        switch (e.getKey().substring(METADATA_PREFIX.length()).toLowerCase(Locale.ROOT)) {
          case "model" -> c = c.withModel(v);
          case "epochs" -> c = c.withEpochs(Integer.parseInt(v));
          case "batch_size" -> c = c.withBatchSize(Integer.parseInt(v));
          case "learning_rate" -> c = c.withLearningRate(Double.parseDouble(v));
          case "seed" -> c = c.withSeed(Long.parseLong(v));
          case "validation_split" -> c = c.withValidationSplit(Double.parseDouble(v));
          case "train_examples" -> c = c.withTrainExamples(Integer.parseInt(v));
          default -> { } // written by a later version: not a setting of this one
        }
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad saved training setting: " + e.getMessage(), e);
    }
    return c;
  }
}
