package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;

/**
 * Batch normalisation over the last axis: {@code gamma · (x - mean) / sqrt(var + eps) + beta}.
 * In training the mean and (biased) variance are the batch's own, and gradients flow through them;
 * at inference they are given constants.
 */
public final class BatchNorm {
  private BatchNorm() {}

  /**
   * Normalises with the batch statistics, which it also writes to {@code batchMean} and {@code
   * batchVariance} (for the caller's moving averages).
   */
  public static Tensor training(
      Backend backend, Tensor x, Tensor gamma, Tensor beta, double epsilon,
      float[] batchMean, float[] batchVariance) {
    int c = x.dim(-1);
    int rows = x.size() / c;
    float[] in = x.data();
    double[] sum = new double[c];
    double[] sumSq = new double[c];
    for (int r = 0; r < rows; r++) {
      int base = r * c;
      for (int j = 0; j < c; j++) {
        sum[j] += in[base + j];
      }
    }
    float[] mean = new float[c];
    for (int j = 0; j < c; j++) {
      mean[j] = (float) (sum[j] / rows);
    }
    for (int r = 0; r < rows; r++) {
      int base = r * c;
      for (int j = 0; j < c; j++) {
        double d = in[base + j] - mean[j];
        sumSq[j] += d * d;
      }
    }
    float[] invStd = new float[c];
    for (int j = 0; j < c; j++) {
      float variance = (float) (sumSq[j] / rows);
      batchMean[j] = mean[j];
      batchVariance[j] = variance;
      invStd[j] = (float) (1.0 / Math.sqrt(variance + epsilon));
    }
    float[] normalized = Workspace.floats(in.length);
    float[] out = Workspace.floats(in.length);
    float[] gm = gamma.data();
    float[] bt = beta.data();
    backend.parallelFor(rows, c, (from, to) -> {
      for (int r = from; r < to; r++) {
        int base = r * c;
        for (int j = 0; j < c; j++) {
          float xhat = (in[base + j] - mean[j]) * invStd[j];
          normalized[base + j] = xhat;
          out[base + j] = gm[j] * xhat + bt[j];
        }
      }
    });
    return Tensor.result(out, x.shape(), g -> {
      double[] sumG = new double[c];
      double[] sumGXhat = new double[c];
      for (int r = 0; r < rows; r++) {
        int base = r * c;
        for (int j = 0; j < c; j++) {
          sumG[j] += g[base + j];
          sumGXhat[j] += g[base + j] * normalized[base + j];
        }
      }
      if (gamma.requiresGrad()) {
        float[] dg = gamma.gradBuffer();
        for (int j = 0; j < c; j++) {
          dg[j] += (float) sumGXhat[j];
        }
      }
      if (beta.requiresGrad()) {
        float[] db = beta.gradBuffer();
        for (int j = 0; j < c; j++) {
          db[j] += (float) sumG[j];
        }
      }
      if (x.requiresGrad()) {
        float[] dx = x.gradBuffer();
        backend.parallelFor(rows, c, (from, to) -> {
          for (int r = from; r < to; r++) {
            int base = r * c;
            for (int j = 0; j < c; j++) {
              double meanG = sumG[j] / rows;
              double meanGXhat = sumGXhat[j] / rows;
              dx[base + j] +=
                  (float) (gm[j] * invStd[j] * (g[base + j] - meanG - normalized[base + j] * meanGXhat));
            }
          }
        });
      }
    }, x, gamma, beta);
  }

  /** Normalises with fixed statistics (the moving averages). */
  public static Tensor inference(
      Backend backend, Tensor x, Tensor gamma, Tensor beta, double epsilon,
      float[] mean, float[] variance) {
    int c = x.dim(-1);
    int rows = x.size() / c;
    float[] scale = new float[c];
    float[] gm = gamma.data();
    for (int j = 0; j < c; j++) {
      scale[j] = (float) (1.0 / Math.sqrt(variance[j] + epsilon));
    }
    float[] in = x.data();
    float[] out = new float[in.length];
    float[] bt = beta.data();
    backend.parallelFor(rows, c, (from, to) -> {
      for (int r = from; r < to; r++) {
        int base = r * c;
        for (int j = 0; j < c; j++) {
          out[base + j] = gm[j] * (in[base + j] - mean[j]) * scale[j] + bt[j];
        }
      }
    });
    return Tensor.result(out, x.shape(), g -> {
      for (int r = 0; r < rows; r++) {
        int base = r * c;
        for (int j = 0; j < c; j++) {
          float xhat = (in[base + j] - mean[j]) * scale[j];
          if (gamma.requiresGrad()) {
            gamma.gradBuffer()[j] += g[base + j] * xhat;
          }
          if (beta.requiresGrad()) {
            beta.gradBuffer()[j] += g[base + j];
          }
          if (x.requiresGrad()) {
            x.gradBuffer()[base + j] += g[base + j] * gm[j] * scale[j];
          }
        }
      }
    }, x, gamma, beta);
  }
}
