package dev.runboard.trainer.ops;

import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;

/**
 * Mean cross-entropy of probability rows (a softmax already applied) against targets, with the
 * probabilities clipped to {@code [1e-7, 1 - 1e-7]} as Keras does so that log stays finite. Used
 * when the model's output is not a softmax the loss could fuse with.
 */
public final class CategoricalCrossEntropy {
  static final float EPSILON = 1e-7f;

  private CategoricalCrossEntropy() {}

  /** Targets are class indices stored as floats, shape {@code [n]}. */
  public static Tensor sparse(Tensor probabilities, Tensor labels) {
    int classes = probabilities.dim(-1);
    int n = probabilities.size() / classes;
    if (labels.size() != n) {
      throw new IllegalArgumentException(labels + " labels for " + probabilities);
    }
    float[] target = Workspace.zeros(probabilities.size());
    for (int r = 0; r < n; r++) {
      int label = (int) labels.data()[r];
      if (label < 0 || label >= classes) {
        throw new IllegalArgumentException("label " + labels.data()[r] + " of row " + r + " is out of range");
      }
      target[r * classes + label] = 1f;
    }
    return compute(probabilities, target, n);
  }

  public static Tensor apply(Tensor probabilities, Tensor targets) {
    if (targets.size() != probabilities.size()) {
      throw new IllegalArgumentException(targets + " targets for " + probabilities);
    }
    int classes = probabilities.dim(-1);
    return compute(probabilities, targets.data(), probabilities.size() / classes);
  }

  private static Tensor compute(Tensor probabilities, float[] target, int n) {
    float[] p = probabilities.data();
    double total = 0;
    for (int i = 0; i < p.length; i++) {
      if (target[i] != 0f) {
        total -= target[i] * Math.log(clip(p[i]));
      }
    }
    float mean = (float) (total / n);
    return Tensor.result(new float[] {mean}, new int[0], g -> {
      float[] dp = probabilities.gradBuffer();
      for (int i = 0; i < p.length; i++) {
        // Where clipping is active the loss is flat in p.
        if (target[i] != 0f && p[i] > EPSILON && p[i] < 1f - EPSILON) {
          dp[i] -= g[0] * target[i] / p[i] / n;
        }
      }
    }, probabilities);
  }

  static float clip(float p) {
    return Math.min(Math.max(p, EPSILON), 1f - EPSILON);
  }
}
