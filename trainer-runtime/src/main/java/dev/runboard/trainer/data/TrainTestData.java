package dev.runboard.trainer.data;

import java.util.Objects;

/**
 * A named pair of training and test sets with the same shape.
 *
 * @param name  shown to users, e.g. {@code Fashion-MNIST}
 * @param train the examples to fit (a validation split is taken from these)
 * @param test  held-out examples, evaluated once at the end
 */
public record TrainTestData(String name, Dataset train, Dataset test) {
  public TrainTestData {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    if (train.featureCount() != test.featureCount() || train.classCount() != test.classCount()) {
      throw new IllegalArgumentException(
          "train " + train + " and test " + test + " differ in features or classes");
    }
  }
}
