package dev.runboard.trainer.ops;

import dev.runboard.trainer.tensor.Tensor;

/** Keeps the first (batch) axis and merges the rest: {@code [n, ...] -> [n, prod(...)]}. */
public final class Flatten {
  private Flatten() {}

  public static Tensor apply(Tensor x) {
    int n = x.dim(0);
    return x.reshape(n, n == 0 ? 0 : x.size() / n);
  }
}
