package dev.runboard.trainer;

import java.util.Objects;

/**
 * The outcome of a completed demo run.
 *
 * @param testLoss     mean cross-entropy on the test set after the last epoch
 * @param testAccuracy fraction of test examples classified correctly
 * @param epochsRun    epochs completed
 * @param datasetName  what was trained on, e.g. {@code Fashion-MNIST}
 */
public record TrainingResult(double testLoss, double testAccuracy, int epochsRun, String datasetName) {
  public TrainingResult {
    Objects.requireNonNull(datasetName, "datasetName");
  }
}
