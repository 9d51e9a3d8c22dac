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
          g[i] = out[i] > 0f ? g[i] : 0f; // branch-free: the sign pattern is random
        }
      });
      x.accumulateGradient(g);
    }, x);
  }
}
