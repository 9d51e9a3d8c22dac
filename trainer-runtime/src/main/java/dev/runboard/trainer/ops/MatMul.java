package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;

/** {@code a[m,k] · b[k,n]}; backward: {@code da = g · bᵀ}, {@code db = aᵀ · g} (two more GEMMs). */
public final class MatMul {
  private MatMul() {}

  public static Tensor apply(Backend backend, Tensor a, Tensor b) {
    if (a.rank() != 2 || b.rank() != 2 || a.dim(1) != b.dim(0)) {
      throw new IllegalArgumentException("cannot multiply " + a + " by " + b);
    }
    int m = a.dim(0);
    int k = a.dim(1);
    int n = b.dim(1);
    float[] out = Workspace.floats(m * n);
    backend.gemm(false, false, m, n, k, 1f, a.data(), 0, b.data(), 0, 0f, out, 0);
    return Tensor.result(out, new int[] {m, n}, g -> {
      if (a.requiresGrad()) {
        backend.gemm(false, true, m, k, n, 1f, g, 0, b.data(), 0, 1f, a.gradBuffer(), 0);
      }
      if (b.requiresGrad()) {
        backend.gemm(true, false, k, n, m, 1f, a.data(), 0, g, 0, 1f, b.gradBuffer(), 0);
      }
    }, a, b);
  }
}
