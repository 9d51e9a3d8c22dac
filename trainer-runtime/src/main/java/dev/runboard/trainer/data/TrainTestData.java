package dev.runboard.trainer.data;

import java.util.Objects;

/**
 * A named pair of training and test sets with the same shape.
 *
 * @param name  shown to users, e.g. {@code Fashion-MNIST}
 * @param train the examples to fit (a validation split is taken from these)
 * @param test  held-out examples, evaluated once at the end
 * @param exampleShape shape of one example, e.g. {@code 28, 28, 1} (height, width, channels)
 */
public record TrainTestData(String name, Dataset train, Dataset test, int[] exampleShape) {
  /** Flat examples: shape {@code [featureCount]}. */
  public TrainTestData(String name, Dataset train, Dataset test) {
    this(name, train, test, new int[] {train.featureCount()});
  }

  public TrainTestData {
    exampleShape = exampleShape.clone();
    if (dev.runboard.trainer.tensor.Tensor.sizeOf(exampleShape) != train.featureCount()) {
      throw new IllegalArgumentException(
          "example shape " + java.util.Arrays.toString(exampleShape) + " does not match " + train);
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    if (train.featureCount() != test.featureCount() || train.classCount() != test.classCount()) {
      throw new IllegalArgumentException(
          "train " + train + " and test " + test + " differ in features or classes");
    }
  }
}
