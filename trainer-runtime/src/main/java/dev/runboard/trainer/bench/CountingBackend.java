package dev.runboard.trainer.bench;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.ConvGeometry;

/**
 * Delegates to another backend and counts the floating-point operations of every GEMM it runs
 * ({@code 2·m·n·k}) and the time spent in GEMM: the honest FLOP count of a training step is the
 * GEMMs it actually executed (forward and both backward products, skipped ones not counted).
 */
public final class CountingBackend implements Backend {
  private final Backend delegate;
  private long flops;
  private long gemmNanos;
  private long otherKernelNanos;

  public CountingBackend(Backend delegate) {
    this.delegate = delegate;
  }

  public long flops() {
    return flops;
  }

  public long gemmNanos() {
    return gemmNanos;
  }

  /** Time in im2col and col2im. */
  public long convolutionCopyNanos() {
    return otherKernelNanos;
  }

  public void reset() {
    flops = 0;
    gemmNanos = 0;
    otherKernelNanos = 0;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public void gemm(
      boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, int aOffset, float[] b, int bOffset,
      float beta, float[] c, int cOffset) {
    long start = System.nanoTime();
    delegate.gemm(transA, transB, m, n, k, alpha, a, aOffset, b, bOffset, beta, c, cOffset);
    gemmNanos += System.nanoTime() - start;
    flops += 2L * m * n * k;
  }

  @Override
  public void im2col(float[] input, ConvGeometry g, float[] columns) {
    long start = System.nanoTime();
    delegate.im2col(input, g, columns);
    otherKernelNanos += System.nanoTime() - start;
  }

  @Override
  public void col2im(float[] columns, ConvGeometry g, float[] inputGradient) {
    long start = System.nanoTime();
    delegate.col2im(columns, g, inputGradient);
    otherKernelNanos += System.nanoTime() - start;
  }

  @Override
  public void addBias(float[] x, float[] out, int rows, float[] bias) {
    delegate.addBias(x, out, rows, bias);
  }

  @Override
  public void addColumnSums(float[] x, int rows, int cols, float[] sums) {
    delegate.addColumnSums(x, rows, cols, sums);
  }

  @Override
  public void parallelFor(int n, int costPerItem, RangeBody body) {
    delegate.parallelFor(n, costPerItem, body);
  }
}
