package dev.runboard.trainer.nn;

/**
 * Loss and accuracy of one batch as sums, so batches of different sizes can be combined exactly.
 *
 * @param lossSum sum over the examples of their cross-entropy
 * @param correct examples whose highest-scoring class is the label
 * @param size    examples in the batch
 */
public record BatchMetrics(double lossSum, int correct, int size) {
  public BatchMetrics {
    if (size < 1 || correct < 0 || correct > size) {
      throw new IllegalArgumentException("invalid batch metrics: " + correct + " correct of " + size);
    }
  }

  public double meanLoss() {
    return lossSum / size;
  }

  public double accuracy() {
    return (double) correct / size;
  }
}
