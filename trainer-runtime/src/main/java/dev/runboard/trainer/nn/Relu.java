package dev.runboard.trainer.nn;

/** {@code max(0, x)} element-wise. At exactly 0 the gradient is taken as 0, as TensorFlow does. */
public final class Relu implements Layer {
  private final int size;
  private float[] output = new float[0];
  private float[] inputGradient = new float[0];

  public Relu(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("Relu size must be at least 1, was " + size);
    }
    this.size = size;
  }

  @Override
  public int inputSize() {
    return size;
  }

  @Override
  public int outputSize() {
    return size;
  }

  @Override
  public float[] forward(float[] input, int batchSize) {
    int length = batchSize * size;
    output = Buffers.atLeast(output, length);
    float[] y = output;
    for (int i = 0; i < length; i++) {
      y[i] = Math.max(input[i], 0f);
    }
    return y;
  }

  @Override
  public float[] backward(float[] outputGradient, int batchSize, boolean needInputGradient) {
    if (!needInputGradient) {
      return null;
    }
    int length = batchSize * size;
    inputGradient = Buffers.atLeast(inputGradient, length);
    float[] dx = inputGradient;
    float[] y = output; // y > 0 exactly where the input was > 0
    for (int i = 0; i < length; i++) {
      dx[i] = y[i] > 0f ? outputGradient[i] : 0f;
    }
    return dx;
  }

  @Override
  public String toString() {
    return "ReLU";
  }
}
