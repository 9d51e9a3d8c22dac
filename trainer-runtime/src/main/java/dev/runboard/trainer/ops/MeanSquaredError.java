package dev.runboard.trainer.ops;

import dev.runboard.trainer.tensor.Tensor;

/** Mean of {@code (prediction - target)²} over all values. */
public final class MeanSquaredError {
  private MeanSquaredError() {}

  public static Tensor apply(Tensor predictions, Tensor targets) {
    if (targets.size() != predictions.size()) {
      throw new IllegalArgumentException(targets + " targets for " + predictions);
    }
    float[] p = predictions.data();
    float[] y = targets.data();
    int count = p.length;
    double total = 0;
    for (int i = 0; i < count; i++) {
      double d = p[i] - y[i];
      total += d * d;
    }
    float mean = (float) (total / count);
    return Tensor.result(new float[] {mean}, new int[0], g -> {
      float[] dp = predictions.gradBuffer();
      float scale = 2f * g[0] / count;
      for (int i = 0; i < count; i++) {
        dp[i] += scale * (p[i] - y[i]);
      }
    }, predictions);
  }
}
