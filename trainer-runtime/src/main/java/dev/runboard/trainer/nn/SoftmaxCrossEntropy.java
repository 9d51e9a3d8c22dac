package dev.runboard.trainer.nn;

/**
 * Softmax followed by sparse categorical cross-entropy (integer labels), fused as in Keras's {@code
 * from_logits=True}: the loss of a row is {@code logsumexp(z) - z[label]}, computed after
 * subtracting the row maximum so no exponential overflows, and its gradient with respect to the
 * logits is simply {@code softmax(z) - onehot(label)}, divided by the batch size because the batch
 * loss is the mean.
 */
public final class SoftmaxCrossEntropy {
  private final int classCount;
  private float[] logitGradient = new float[0];

  public SoftmaxCrossEntropy(int classCount) {
    if (classCount < 2) {
      throw new IllegalArgumentException("classCount must be at least 2, was " + classCount);
    }
    this.classCount = classCount;
  }

  public int classCount() {
    return classCount;
  }

  /**
   * Loss and accuracy of a batch of logits ({@code batchSize} rows of {@code classCount}); when
   * {@code computeGradient}, also fills {@link #logitGradient()}, the gradient of the mean loss.
   */
  public BatchMetrics compute(float[] logits, int[] labels, int batchSize, boolean computeGradient) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
    }
    int c = classCount;
    if (computeGradient) {
      logitGradient = Buffers.atLeast(logitGradient, batchSize * c);
    }
    float[] grad = logitGradient;
    double scale = 1.0 / batchSize;
    double lossSum = 0;
    int correct = 0;
    for (int row = 0; row < batchSize; row++) {
      int base = row * c;
      int label = labels[row];
      if (label < 0 || label >= c) {
        throw new IllegalArgumentException("label " + label + " outside [0, " + c + ") in row " + row);
      }
      // First maximum wins ties, like numpy's argmax behind Keras's accuracy.
      int argmax = 0;
      float max = logits[base];
      for (int j = 1; j < c; j++) {
        if (logits[base + j] > max) {
          max = logits[base + j];
          argmax = j;
        }
      }
      double sumExp = 0;
      for (int j = 0; j < c; j++) {
        sumExp += Math.exp((double) logits[base + j] - max);
      }
      double logSumExp = Math.log(sumExp); // of the shifted logits; >= 0 since one term is 1
      lossSum += logSumExp - ((double) logits[base + label] - max);
      if (argmax == label) {
        correct++;
      }
      if (computeGradient) {
        for (int j = 0; j < c; j++) {
          double p = Math.exp((double) logits[base + j] - max - logSumExp);
          grad[base + j] = (float) ((p - (j == label ? 1.0 : 0.0)) * scale);
        }
      }
    }
    return new BatchMetrics(lossSum, correct, batchSize);
  }

  /** The gradient of the mean loss with respect to the logits of the last {@code compute}. */
  public float[] logitGradient() {
    return logitGradient;
  }
}
