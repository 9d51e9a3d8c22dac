package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;

/** {@code max(x, 0)}; the gradient passes where the output is positive. */
public final class Relu {
  private Relu() {}

  public static Tensor apply(Backend backend, Tensor x) {
    float[] in = x.data();
    float[] out = Workspace.floats(in.length);
    backend.parallelFor(in.length, 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        out[i] = Math.max(in[i], 0f);
      }
    });
    return Tensor.result(out, x.shape(), g -> {
      // Masks the output gradient in place and hands it on: g is not used after this rule.
      backend.parallelFor(g.length, 1, (from, to) -> {
        for (int i = from; i < to; i++) {
          // Branch-free (the sign pattern is random, a branch mispredicts half the time, and a
          // float select compiles to a branch): out >= 0, so its bits are 0 exactly when it is
          // +0, and (-bits) >> 31 is an all-ones mask otherwise.
          int mask = -Float.floatToRawIntBits(out[i]) >> 31;
          g[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[i]) & mask);
        }
      });
      x.accumulateGradient(g);
    }, x);
  }
}
