package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;
import java.util.Arrays;

/** Element-wise sum of two tensors of the same shape (residual connections, merged branches). */
public final class Add {
  private Add() {}

  public static Tensor apply(Backend backend, Tensor a, Tensor b) {
    if (!Arrays.equals(a.shape(), b.shape())) {
      throw new IllegalArgumentException("cannot add " + a + " and " + b);
    }
    float[] x = a.data();
    float[] y = b.data();
    float[] out = Workspace.floats(x.length);
    backend.parallelFor(x.length, 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        out[i] = x[i] + y[i];
      }
    });
    return Tensor.result(out, a.shape(), g -> {
      // Both inputs receive g. The second gets its own copy, the first g itself (handed on as
      // the last use): a later rule may change a handed-on gradient in place.
      if (b.requiresGrad()) {
        float[] copy = Workspace.floats(g.length);
        System.arraycopy(g, 0, copy, 0, g.length);
        b.accumulateGradient(copy);
      }
      if (a.requiresGrad()) {
        a.accumulateGradient(g);
      }
    }, a, b);
  }
}
