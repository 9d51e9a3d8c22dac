package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;

/**
 * Mean cross-entropy of {@code softmax(logits)} against targets, fused: computed from the logits
 * through log-sum-exp (no log of a rounded-to-zero probability), with the simple backward {@code
 * (softmax - target) / n}. What Keras does when a softmax output meets a cross-entropy loss.
 */
public final class SoftmaxCrossEntropy {
  private SoftmaxCrossEntropy() {}

  /** Targets are class indices stored as floats, shape {@code [n]}. */
  public static Tensor sparse(Backend backend, Tensor logits, Tensor labels) {
    int classes = logits.dim(-1);
    int n = logits.size() / classes;
    if (labels.size() != n) {
      throw new IllegalArgumentException(labels + " labels for " + n + " rows of " + logits);
    }
    float[] target = Workspace.zeros(logits.size());
    float[] y = labels.data();
    for (int r = 0; r < n; r++) {
      int label = (int) y[r];
      if (label < 0 || label >= classes || label != y[r]) {
        throw new IllegalArgumentException(
            "label " + y[r] + " of row " + r + " is not a class index in [0, " + classes + ")");
      }
      target[r * classes + label] = 1f;
    }
    return fused(backend, logits, target, n, classes);
  }

  /** Targets are probability rows (one-hot or soft), same shape as the logits. */
  public static Tensor dense(Backend backend, Tensor logits, Tensor targets) {
    if (targets.size() != logits.size()) {
      throw new IllegalArgumentException(targets + " targets for " + logits);
    }
    int classes = logits.dim(-1);
    return fused(backend, logits, targets.data(), logits.size() / classes, classes);
  }

  private static Tensor fused(Backend backend, Tensor logits, float[] target, int n, int classes) {
    float[] z = logits.data();
    float[] probabilities = Workspace.floats(z.length);
    double[] rowLoss = new double[n];
    backend.parallelFor(n, classes * 8, (from, to) -> {
      for (int r = from; r < to; r++) {
        int base = r * classes;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < classes; j++) {
          max = Math.max(max, z[base + j]);
        }
        double sum = 0;
        for (int j = 0; j < classes; j++) {
          sum += Math.exp(z[base + j] - max);
        }
        double logSum = Math.log(sum) + max;
        double loss = 0;
        for (int j = 0; j < classes; j++) {
          double logP = z[base + j] - logSum;
          probabilities[base + j] = (float) Math.exp(logP);
          if (target[base + j] != 0f) {
            loss -= target[base + j] * logP;
          }
        }
        rowLoss[r] = loss;
      }
    });
    double total = 0;
    for (double l : rowLoss) {
      total += l;
    }
    float mean = n == 0 ? 0f : (float) (total / n);
    return Tensor.result(new float[] {mean}, new int[0], g -> {
      float[] dz = logits.gradBuffer();
      float scale = g[0] / n;
      backend.parallelFor(z.length, 1, (from, to) -> {
        for (int i = from; i < to; i++) {
          dz[i] += scale * (probabilities[i] - target[i]);
        }
      });
    }, logits);
  }
}
