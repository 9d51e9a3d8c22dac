package dev.runboard.trainer.backend;

/**
 * A backend capability: convolution, bias, optional ReLU and optional max pooling run as one chain
 * of native kernels whose intermediates (the convolution's output, the largest array of a step,
 * and the pooling's winners) stay in backend-owned memory from forward to backward. Only the
 * chain's input, its (pooled) output and their gradients cross to the Java heap. Backends without
 * it run the same computation op by op (the pure-Java and OpenBLAS backends: the reference).
 */
public interface ConvolutionBlocks {
  /**
   * {@code out = maxpool(relu(conv(input, kernel) + bias))}, each stage optional as asked.
   *
   * @param conv     the convolution's geometry; {@code kernel} is {@code [kh, kw, in, filters]}
   * @param pool     the pooling's geometry over the convolution's output, or null for none
   * @param training keep what {@link #backward} needs (else the result is null)
   * @param out      NHWC output, overwritten
   * @return what backward needs, held in native memory until closed; null when not training
   */
  ConvolutionBlock forward(
      float[] input, ConvGeometry conv, float[] kernel, float[] bias, int filters, boolean relu,
      ConvGeometry pool, boolean training, float[] out);

  /**
   * Gradients of the chain given {@code grad}, the gradient of its output: <em>added</em> into
   * {@code kernelGradient} and {@code biasGradient} (either may be null), <em>written</em> into
   * {@code inputGradient} (null when the input needs none).
   */
  void backward(
      ConvolutionBlock block, float[] grad, float[] kernelGradient, float[] biasGradient, float[] inputGradient);

  /** The native state of one forward pass; close it (idempotently) once backward has run. */
  interface ConvolutionBlock extends AutoCloseable {
    @Override
    void close();
  }
}
