package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;

/** {@code 1 / (1 + e^-x)}; backward {@code g · y · (1 - y)}. */
public final class Sigmoid {
  private Sigmoid() {}

  public static Tensor apply(Backend backend, Tensor x) {
    float[] in = x.data();
    float[] out = Workspace.floats(in.length);
    backend.parallelFor(in.length, 8, (from, to) -> {
      for (int i = from; i < to; i++) {
        out[i] = (float) (1.0 / (1.0 + Math.exp(-in[i])));
      }
    });
    return Tensor.result(out, x.shape(), g -> {
      float[] dx = x.gradBuffer();
      backend.parallelFor(g.length, 1, (from, to) -> {
        for (int i = from; i < to; i++) {
          dx[i] += g[i] * out[i] * (1f - out[i]);
        }
      });
    }, x);
  }
}
