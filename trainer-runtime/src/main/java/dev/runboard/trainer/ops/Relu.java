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
      float[] dx = x.gradBuffer();
      backend.parallelFor(g.length, 1, (from, to) -> {
        for (int i = from; i < to; i++) {
          dx[i] += out[i] > 0f ? g[i] : 0f; // branch-free: the sign pattern is random
        }
      });
    }, x);
  }
}
