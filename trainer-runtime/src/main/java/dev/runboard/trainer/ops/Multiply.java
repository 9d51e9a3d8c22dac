package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;

/** Element-wise product with a constant array of the same size (dropout masks). */
public final class Multiply {
  private Multiply() {}

  public static Tensor byConstant(Backend backend, Tensor x, float[] factors) {
    float[] in = x.data();
    if (factors.length != in.length) {
      throw new IllegalArgumentException(factors.length + " factors for " + x);
    }
    float[] out = Workspace.floats(in.length);
    backend.parallelFor(in.length, 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        out[i] = in[i] * factors[i];
      }
    });
    return Tensor.result(out, x.shape(), g -> {
      float[] dx = x.gradBuffer();
      backend.parallelFor(g.length, 1, (from, to) -> {
        for (int i = from; i < to; i++) {
          dx[i] += g[i] * factors[i];
        }
      });
    }, x);
  }
}
