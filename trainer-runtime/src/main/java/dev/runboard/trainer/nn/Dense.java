package dev.runboard.trainer.nn;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fully connected layer {@code y = x W + b}, W of shape [inputs, outputs] row-major like a Keras
 * kernel, initialised Glorot-uniform with zero bias (Keras's defaults).
 *
 * <p>The products are plain loops ordered so that the innermost one walks contiguous memory of
 * both operands with a loop-invariant scalar (i-k-j order), which C2 auto-vectorises. Zero inputs
 * are skipped: after a ReLU about half the activations are exactly zero, and so is most of a
 * Fashion-MNIST image's background.
 */
public final class Dense implements Layer {
  private final int inputSize;
  private final int outputSize;
  private final Parameter kernel;
  private final Parameter bias;

  private float[] input;
  private float[] output = new float[0];
  private float[] inputGradient = new float[0];
  // W transposed, refreshed per backward pass, so the input gradient is also an i-k-j product.
  private float[] kernelTransposed;

  /** A layer with Glorot-uniform weights drawn from {@code seed}. */
  public Dense(int inputSize, int outputSize, long seed) {
    if (inputSize < 1 || outputSize < 1) {
      throw new IllegalArgumentException(
          "Dense sizes must be at least 1, were " + inputSize + " -> " + outputSize);
    }
    this.inputSize = inputSize;
    this.outputSize = outputSize;
    this.kernel = new Parameter("dense_" + inputSize + "x" + outputSize + "/kernel", inputSize * outputSize);
    this.bias = new Parameter("dense_" + inputSize + "x" + outputSize + "/bias", outputSize);
    float limit = (float) Math.sqrt(6.0 / (inputSize + outputSize));
    SplittableRandom random = new SplittableRandom(seed);
    float[] w = kernel.values();
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
    }
  }

  @Override
  public int inputSize() {
    return inputSize;
  }

  @Override
  public int outputSize() {
    return outputSize;
  }

  /** Weights, [inputs, outputs] row-major. */
  public Parameter kernel() {
    return kernel;
  }

  public Parameter bias() {
    return bias;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(kernel, bias);
  }

  @Override
  public float[] forward(float[] input, int batchSize) {
    this.input = input;
    output = Buffers.atLeast(output, batchSize * outputSize);
    float[] y = output;
    float[] w = kernel.values();
    float[] b = bias.values();
    int n = outputSize;
    for (int row = 0; row < batchSize; row++) {
      int yRow = row * n;
      int xRow = row * inputSize;
      System.arraycopy(b, 0, y, yRow, n);
      for (int k = 0; k < inputSize; k++) {
        float a = input[xRow + k];
        if (a == 0f) {
          continue;
        }
        int wRow = k * n;
        for (int j = 0; j < n; j++) {
          y[yRow + j] += a * w[wRow + j];
        }
      }
    }
    return y;
  }

  @Override
  public float[] backward(float[] outputGradient, int batchSize, boolean needInputGradient) {
    float[] g = outputGradient;
    float[] x = input;
    int n = outputSize;

    // dW[k, :] = sum over rows of x[row, k] * g[row, :]; k outermost keeps the dW row in L1.
    float[] dw = kernel.gradients();
    Arrays.fill(dw, 0f);
    for (int k = 0; k < inputSize; k++) {
      int dwRow = k * n;
      for (int row = 0; row < batchSize; row++) {
        float a = x[row * inputSize + k];
        if (a == 0f) {
          continue;
        }
        int gRow = row * n;
        for (int j = 0; j < n; j++) {
          dw[dwRow + j] += a * g[gRow + j];
        }
      }
    }

    float[] db = bias.gradients();
    Arrays.fill(db, 0f);
    for (int row = 0; row < batchSize; row++) {
      int gRow = row * n;
      for (int j = 0; j < n; j++) {
        db[j] += g[gRow + j];
      }
    }

    if (!needInputGradient) {
      return null;
    }
    transposeKernel();
    inputGradient = Buffers.atLeast(inputGradient, batchSize * inputSize);
    float[] dx = inputGradient;
    float[] wt = kernelTransposed;
    for (int row = 0; row < batchSize; row++) {
      int dxRow = row * inputSize;
      int gRow = row * n;
      Arrays.fill(dx, dxRow, dxRow + inputSize, 0f);
      for (int j = 0; j < n; j++) {
        float gj = g[gRow + j];
        if (gj == 0f) {
          continue;
        }
        int wtRow = j * inputSize;
        for (int k = 0; k < inputSize; k++) {
          dx[dxRow + k] += gj * wt[wtRow + k];
        }
      }
    }
    return dx;
  }

  private void transposeKernel() {
    if (kernelTransposed == null) {
      kernelTransposed = new float[inputSize * outputSize];
    }
    float[] w = kernel.values();
    for (int k = 0; k < inputSize; k++) {
      for (int j = 0; j < outputSize; j++) {
        kernelTransposed[j * inputSize + k] = w[k * outputSize + j];
      }
    }
  }

  @Override
  public String toString() {
    return "Dense(" + inputSize + " -> " + outputSize + ")";
  }
}
