package dev.runboard.trainer.model;

import dev.runboard.trainer.layers.Conv2D;
import dev.runboard.trainer.layers.Dense;
import dev.runboard.trainer.layers.Dropout;
import dev.runboard.trainer.layers.Flatten;
import dev.runboard.trainer.layers.MaxPooling2D;

/** The architectures the CLI can train by name. */
public final class SeedModels {
  public static final String SEED_CNN = "seed-cnn";

  private SeedModels() {}

  /**
   * The classic Keras CIFAR-10 CNN, line for line, for inputs of {@code height x width x
   * channels} (32x32x3 for CIFAR-10, 28x28x1 for Fashion-MNIST).
   */
  public static Sequential seedCnn(int height, int width, int channels, int classes) {
    return seedCnn(height, width, channels, classes, 0.5);
  }

  /** The seed CNN with another dropout rate before its last layer (for sweeps). */
  public static Sequential seedCnn(int height, int width, int channels, int classes, double dropout) {
    return new Sequential(
        new Conv2D(32, 3, 3, "relu").inputShape(height, width, channels),
        new MaxPooling2D(2, 2),
        new Conv2D(64, 3, 3, "relu"),
        new MaxPooling2D(2, 2),
        new Conv2D(64, 3, 3, "relu"),
        new Flatten(),
        new Dense(64, "relu"),
        new Dropout(dropout),
        new Dense(classes, "softmax"));
  }
}
