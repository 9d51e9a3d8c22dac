package dev.runboard.trainer.backend;

import java.util.concurrent.ForkJoinPool;

/**
 * Pure-Java CPU backend: the fallback when OpenBLAS cannot be loaded, and the independent
 * reference the OpenBLAS GEMM is tested against. Correct, and an order of magnitude slower.
 */
public final class JavaBackend extends CpuKernels {
  public JavaBackend(ForkJoinPool pool) {
    super(pool);
  }

  @Override
  public String name() {
    return "pure Java (no BLAS)";
  }

  @Override
  public void gemm(
      boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, int aOffset, float[] b, int bOffset,
      float beta, float[] c, int cOffset) {
    parallelFor(m, n * k, (from, to) -> {
      float[] row = new float[n];
      for (int i = from; i < to; i++) {
        java.util.Arrays.fill(row, 0f);
        for (int p = 0; p < k; p++) {
          float av = transA ? a[aOffset + p * m + i] : a[aOffset + i * k + p];
          if (av == 0f) {
            continue;
          }
          if (transB) {
            for (int j = 0; j < n; j++) {
              row[j] += av * b[bOffset + j * k + p];
            }
          } else {
            int bRow = bOffset + p * n;
            for (int j = 0; j < n; j++) {
              row[j] += av * b[bRow + j];
            }
          }
        }
        int cRow = cOffset + i * n;
        for (int j = 0; j < n; j++) {
          c[cRow + j] = alpha * row[j] + (beta == 0f ? 0f : beta * c[cRow + j]);
        }
      }
    });
  }
}
