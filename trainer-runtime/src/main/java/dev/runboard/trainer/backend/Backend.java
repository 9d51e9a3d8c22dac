package dev.runboard.trainer.backend;

/**
 * The numeric kernels under every op. Layers and ops call only these (and plain element loops
 * through {@link #parallelFor}), so a GPU backend replaces this interface, not the layers.
 *
 * <p>Arrays are row-major float32. Offsets let callers address one image or one batch inside a
 * larger buffer without copying. Shapes of images are NHWC.
 *
 * <p>Limit of this first version: operands are Java heap arrays, so the GPU backend ({@link
 * CudaBackend}, JavaCPP's CUDA presets) copies operands to the device per call, as the OpenBLAS
 * backend copies them to native memory. The next step for a fast GPU path is
 * to let tensors hold backend-owned storage; layers would not change, ops would.
 */
public interface Backend {
  /** Shown in logs and benchmark output, e.g. {@code "OpenBLAS"}. */
  String name();

  /**
   * {@code C = alpha * op(A) * op(B) + beta * C} where {@code op(A)} is {@code m x k} and {@code
   * op(B)} is {@code k x n}; {@code transA} means A is stored {@code k x m}, likewise B.
   */
  void gemm(
      boolean transA, boolean transB, int m, int n, int k,
      float alpha, float[] a, int aOffset, float[] b, int bOffset,
      float beta, float[] c, int cOffset);

  /**
   * Unrolls NHWC {@code input} into rows of {@code kh*kw*channels} patch values, one row per output
   * pixel (image-major): the left operand of convolution as GEMM. Padding reads as 0.
   */
  void im2col(float[] input, ConvGeometry g, float[] columns);

  /** Adjoint of {@link #im2col}: adds each patch value back onto the pixel it came from. */
  void col2im(float[] columns, ConvGeometry g, float[] inputGradient);

  /**
   * Convolution forward: {@code out[m, filters] = patches[m, k] · kernel[k, filters]} with the
   * patches of {@code input} (im2col). The backend keeps the patches where its GEMM reads them
   * (native memory for OpenBLAS, device memory for a GPU) until the returned handle is closed:
   * pass it to {@link #convolutionBackward}, then close it.
   */
  Patches convolutionForward(float[] input, ConvGeometry g, float[] kernel, int filters, float[] out);

  /**
   * Convolution backward: adds {@code patchesᵀ · grad} into {@code kernelGradient} and the
   * col2im of {@code grad · kernelᵀ} into {@code inputGradient}; either may be null (not needed).
   */
  void convolutionBackward(
      Patches patches, ConvGeometry g, float[] grad, float[] kernel, int filters,
      float[] kernelGradient, float[] inputGradient);

  /**
   * Native convolution blocks ({@link ConvolutionBlocks}: convolution, bias, ReLU and pooling as
   * one chain) where this backend has them; null (the default) where ops run one by one.
   */
  default ConvolutionBlocks convolutionBlocks() {
    return null;
  }

  /** {@code out = x + bias} with {@code bias[j]} added to every row of the {@code rows x bias.length} matrix. */
  void addBias(float[] x, float[] out, int rows, float[] bias);

  /** Column sums of a {@code rows x cols} matrix, added into {@code sums}. */
  void addColumnSums(float[] x, int rows, int cols, float[] sums);

  /**
   * Runs {@code body} over {@code [0, n)} split into contiguous chunks, in parallel when the work
   * is large enough ({@code n * costPerItem} above a threshold). Chunks must be independent.
   */
  void parallelFor(int n, int costPerItem, RangeBody body);

  /** A chunk of a {@link #parallelFor}. */
  @FunctionalInterface
  interface RangeBody {
    void run(int from, int to);
  }
}
