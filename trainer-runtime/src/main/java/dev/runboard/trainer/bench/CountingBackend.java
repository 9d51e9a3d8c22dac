package dev.runboard.trainer.bench;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.ConvGeometry;
import dev.runboard.trainer.backend.ConvolutionBlocks;
import dev.runboard.trainer.backend.Patches;

/**
 * Delegates to another backend and counts the floating-point operations of every GEMM it runs
 * ({@code 2·m·n·k}), including the three inside each convolution (or their direct equivalents in
 * a backend's convolution blocks), and the time spent in them: the honest FLOP count of a
 * training step is the products it actually executed (forward and both backward products;
 * skipped ones, like the first layer's input gradient, not counted).
 */
public final class CountingBackend implements Backend {
  private final Backend delegate;
  private long flops;
  private long gemmNanos;
  private long otherKernelNanos;
  private long convolutionNanos;

  public CountingBackend(Backend delegate) {
    this.delegate = delegate;
  }

  public long flops() {
    return flops;
  }

  public long gemmNanos() {
    return gemmNanos;
  }

  /**
   * Time in convolutions (im2col, their three GEMMs, col2im; or whole convolution blocks, with
   * their bias, ReLU and pooling), not in {@link #gemmNanos()}.
   */
  public long convolutionNanos() {
    return convolutionNanos + otherKernelNanos;
  }

  public void reset() {
    flops = 0;
    gemmNanos = 0;
    otherKernelNanos = 0;
    convolutionNanos = 0;
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
  public Patches convolutionForward(
      float[] input, ConvGeometry g, float[] kernel, int filters, float[] out) {
    long start = System.nanoTime();
    Patches patches = delegate.convolutionForward(input, g, kernel, filters, out);
    convolutionNanos += System.nanoTime() - start;
    flops += 2L * g.outputPixels() * filters * g.patchSize();
    return patches;
  }

  @Override
  public void convolutionBackward(
      Patches patches, ConvGeometry g, float[] grad, float[] kernel,
      int filters, float[] kernelGradient, float[] inputGradient) {
    long start = System.nanoTime();
    delegate.convolutionBackward(patches, g, grad, kernel, filters, kernelGradient, inputGradient);
    convolutionNanos += System.nanoTime() - start;
    long product = 2L * g.outputPixels() * filters * g.patchSize();
    flops += (kernelGradient != null ? product : 0) + (inputGradient != null ? product : 0);
  }

  @Override
  public ConvolutionBlocks convolutionBlocks() {
    ConvolutionBlocks blocks = delegate.convolutionBlocks();
    return blocks == null ? null : new CountingBlocks(blocks);
  }

  /** The delegate's blocks, counted as the three products of each convolution. */
  private final class CountingBlocks implements ConvolutionBlocks {
    private final ConvolutionBlocks blocks;

    CountingBlocks(ConvolutionBlocks blocks) {
      this.blocks = blocks;
    }

    @Override
    public ConvolutionBlock forward(
        float[] input, ConvGeometry conv, float[] kernel, float[] bias, int filters, boolean relu,
        ConvGeometry pool, boolean training, float[] out) {
      long start = System.nanoTime();
      ConvolutionBlock block = blocks.forward(input, conv, kernel, bias, filters, relu, pool, training, out);
      convolutionNanos += System.nanoTime() - start;
      long product = 2L * conv.outputPixels() * filters * conv.patchSize();
      flops += product;
      return block == null ? null : new Counted(block, product);
    }

    @Override
    public void backward(
        ConvolutionBlock block, float[] grad, float[] kernelGradient, float[] biasGradient, float[] inputGradient) {
      Counted counted = (Counted) block;
      long start = System.nanoTime();
      blocks.backward(counted.block, grad, kernelGradient, biasGradient, inputGradient);
      convolutionNanos += System.nanoTime() - start;
      flops += (kernelGradient != null ? counted.product : 0) + (inputGradient != null ? counted.product : 0);
    }
  }

  private record Counted(ConvolutionBlocks.ConvolutionBlock block, long product) implements ConvolutionBlocks.ConvolutionBlock {
    @Override
    public void close() {
      block.close();
    }
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
