package dev.runboard.trainer.layers;

import java.util.SplittableRandom;

/** Keras's default initial weights. */
final class Initializers {
  private Initializers() {}

  /** Glorot (Xavier) uniform: U(-l, l) with {@code l = sqrt(6 / (fanIn + fanOut))}. */
  static float[] glorotUniform(int size, int fanIn, int fanOut, SplittableRandom random) {
    double limit = Math.sqrt(6.0 / (fanIn + fanOut));
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
    }
    return values;
  }
}
