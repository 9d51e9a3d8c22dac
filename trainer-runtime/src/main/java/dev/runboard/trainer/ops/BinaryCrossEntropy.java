package dev.runboard.trainer.ops;

import dev.runboard.trainer.tensor.Tensor;

/**
 * Mean of {@code -(y·log p + (1-y)·log(1-p))} over all values, p clipped to {@code [1e-7, 1-1e-7]}
 * as in Keras. Expects probabilities (a sigmoid output).
 */
public final class BinaryCrossEntropy {
  private BinaryCrossEntropy() {}

  public static Tensor apply(Tensor probabilities, Tensor targets) {
    if (targets.size() != probabilities.size()) {
      throw new IllegalArgumentException(targets + " targets for " + probabilities);
    }
    float[] p = probabilities.data();
    float[] y = targets.data();
    int count = p.length;
    double total = 0;
    for (int i = 0; i < count; i++) {
      double q = CategoricalCrossEntropy.clip(p[i]);
      total -= y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q);
    }
    float mean = (float) (total / count);
    return Tensor.result(new float[] {mean}, new int[0], g -> {
      float[] dp = probabilities.gradBuffer();
      for (int i = 0; i < count; i++) {
        if (p[i] > CategoricalCrossEntropy.EPSILON && p[i] < 1f - CategoricalCrossEntropy.EPSILON) {
          dp[i] += (float) (g[0] * (p[i] - y[i]) / ((double) p[i] * (1 - p[i])) / count);
        }
      }
    }, probabilities);
  }
}
