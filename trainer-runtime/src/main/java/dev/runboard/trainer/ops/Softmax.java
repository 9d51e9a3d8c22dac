package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;

/**
 * Softmax over the last axis, shifted by the row maximum so that exp cannot overflow. Backward:
 * {@code dx = y ⊙ (g - Σ g⊙y)} per row.
 */
public final class Softmax {
  private Softmax() {}

  public static Tensor apply(Backend backend, Tensor x) {
    int cols = x.dim(-1);
    int rows = x.size() / cols;
    float[] in = x.data();
    float[] out = Workspace.floats(in.length);
    backend.parallelFor(rows, cols * 8, (from, to) -> {
      for (int r = from; r < to; r++) {
        softmaxRow(in, out, r * cols, cols);
      }
    });
    return Tensor.result(out, x.shape(), g -> {
      float[] dx = x.gradBuffer();
      backend.parallelFor(rows, cols * 2, (from, to) -> {
        for (int r = from; r < to; r++) {
          int base = r * cols;
          double dot = 0;
          for (int j = 0; j < cols; j++) {
            dot += g[base + j] * out[base + j];
          }
          for (int j = 0; j < cols; j++) {
            dx[base + j] += (float) (out[base + j] * (g[base + j] - dot));
          }
        }
      });
    }, x);
  }

  /** Writes the softmax of {@code in[base .. base+cols)} to {@code out} at the same place. */
  static void softmaxRow(float[] in, float[] out, int base, int cols) {
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < cols; j++) {
      max = Math.max(max, in[base + j]);
    }
    double sum = 0;
    for (int j = 0; j < cols; j++) {
      float e = (float) Math.exp(in[base + j] - max);
      out[base + j] = e;
      sum += e;
    }
    float inv = (float) (1.0 / sum);
    for (int j = 0; j < cols; j++) {
      out[base + j] *= inv;
    }
  }
}
