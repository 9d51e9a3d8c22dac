package dev.runboard.trainer.metrics;

import dev.runboard.trainer.tensor.Tensor;

/**
 * Keras's {@code 'accuracy'}, which picks its meaning from the shapes: class index targets
 * against the arg-max of the predictions (sparse), one-hot rows against arg-max (categorical), or
 * a 0.5 threshold for single-output (binary) models.
 */
public final class Accuracy implements Metric {
  private long correct;
  private long total;

  @Override
  public String name() {
    return "accuracy";
  }

  @Override
  public void update(Tensor predictions, Tensor targets) {
    float[] p = predictions.data();
    float[] y = targets.data();
    int classes = predictions.dim(-1);
    int n = predictions.size() / classes;
    if (classes == 1 || targets.size() == predictions.size() && classes == 1) {
      for (int i = 0; i < p.length; i++) {
        correct += (p[i] > 0.5f) == (y[i] > 0.5f) ? 1 : 0;
      }
      total += p.length;
      return;
    }
    boolean sparse = targets.size() == n;
    for (int r = 0; r < n; r++) {
      int predicted = argmax(p, r * classes, classes);
      int actual = sparse ? (int) y[r] : argmax(y, r * classes, classes);
      if (predicted == actual) {
        correct++;
      }
    }
    total += n;
  }

  @Override
  public double result() {
    return total == 0 ? 0 : (double) correct / total;
  }

  @Override
  public void reset() {
    correct = 0;
    total = 0;
  }

  static int argmax(float[] values, int offset, int length) {
    int best = 0;
    for (int j = 1; j < length; j++) {
      if (values[offset + j] > values[offset + best]) {
        best = j;
      }
    }
    return best;
  }
}
