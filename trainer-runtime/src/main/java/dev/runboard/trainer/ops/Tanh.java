package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;

/** Hyperbolic tangent; backward {@code g · (1 - y²)}. */
public final class Tanh {
  private Tanh() {}

  public static Tensor apply(Backend backend, Tensor x) {
    float[] in = x.data();
    float[] out = Workspace.floats(in.length);
    backend.parallelFor(in.length, 8, (from, to) -> {
      for (int i = from; i < to; i++) {
        out[i] = (float) Math.tanh(in[i]);
      }
    });
    return Tensor.result(out, x.shape(), g -> {
      float[] dx = x.gradBuffer();
      backend.parallelFor(g.length, 1, (from, to) -> {
        for (int i = from; i < to; i++) {
          dx[i] += g[i] * (1f - out[i] * out[i]);
        }
      });
    }, x);
  }
}
