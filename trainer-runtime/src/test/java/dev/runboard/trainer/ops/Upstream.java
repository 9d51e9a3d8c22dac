package dev.runboard.trainer.ops;

import dev.runboard.trainer.tensor.Tensor;
import java.util.SplittableRandom;

/** Test helpers: run an op's backward from a given output gradient; random tensors in [-1, 1]. */
final class Upstream {
  private Upstream() {}

  /** Runs {@code t}'s backward rules with {@code upstream} as its gradient. */
  static void backwardWith(Tensor t, float[] upstream) {
    Tensor loss = Tensor.result(new float[] {0f}, new int[0], g -> {
      float[] dy = t.gradBuffer();
      for (int i = 0; i < upstream.length; i++) {
        dy[i] += upstream[i];
      }
    }, t);
    loss.backward();
  }

  static Tensor randomVariable(long seed, int... shape) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] data = new float[Tensor.sizeOf(shape)];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return Tensor.variable(data, shape);
  }
}
