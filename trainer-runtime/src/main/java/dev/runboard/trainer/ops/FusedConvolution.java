package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.ConvGeometry;
import dev.runboard.trainer.backend.ConvolutionBlocks;
import dev.runboard.trainer.backend.ConvolutionBlocks.ConvolutionBlock;
import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;

/**
 * {@code maxpool(relu(conv(x, kernel) + bias))} (ReLU and pooling optional) as one op on a backend
 * with {@link ConvolutionBlocks}: the chain runs natively and only its input and output cross to
 * the heap. Computes what {@link Conv2D}, {@link BiasRelu} (or {@link BiasAdd}) and {@link
 * MaxPool2D} compute one after the other, up to float summation order.
 */
public final class FusedConvolution {
  private FusedConvolution() {}

  /** Whether {@code backend} runs fused convolutions. */
  public static boolean available(Backend backend) {
    return backend.convolutionBlocks() != null;
  }

  /**
   * @param pool     the max pooling after the activation, or null
   * @param training keep the state for backward (a training step); otherwise the result is a
   *     constant, as evaluate and predict need
   */
  public static Tensor apply(
      Backend backend, Tensor x, Tensor kernel, Tensor bias, int strideH, int strideW, boolean samePadding,
      boolean relu, PoolWindow pool, boolean training) {
    if (x.rank() != 4 || kernel.rank() != 4 || kernel.dim(2) != x.dim(3) || bias.size() != kernel.dim(3)) {
      throw new IllegalArgumentException("cannot convolve " + x + " with kernel " + kernel + " and bias " + bias);
    }
    ConvolutionBlocks blocks = backend.convolutionBlocks();
    ConvGeometry g =
        ConvGeometry.of(
            x.dim(0), x.dim(1), x.dim(2), x.dim(3), kernel.dim(0), kernel.dim(1), strideH, strideW, samePadding);
    int filters = kernel.dim(3);
    ConvGeometry pg = pool == null ? null
        : ConvGeometry.of(
            g.batch(), g.outH(), g.outW(), filters, pool.poolH(), pool.poolW(), pool.strideH(), pool.strideW(),
            pool.same());
    int[] shape = pg == null
        ? new int[] {g.batch(), g.outH(), g.outW(), filters}
        : new int[] {g.batch(), pg.outH(), pg.outW(), filters};
    float[] out = Workspace.floats(Tensor.sizeOf(shape));
    if (!training) {
      blocks.forward(x.data(), g, kernel.data(), bias.data(), filters, relu, pg, false, out);
      return Tensor.of(out, shape);
    }
    ConvolutionBlock block = blocks.forward(x.data(), g, kernel.data(), bias.data(), filters, relu, pg, true, out);
    Tensor y = Tensor.result(out, shape, grad -> {
      try {
        float[] dx = x.requiresGrad() ? Workspace.floats(x.size()) : null;
        blocks.backward(
            block, grad, kernel.requiresGrad() ? kernel.gradBuffer() : null,
            bias.requiresGrad() ? bias.gradBuffer() : null, dx);
        if (dx != null) {
          x.accumulateGradient(dx); // adopted when x has no gradient yet
        }
      } finally {
        block.close();
      }
    }, x, kernel, bias);
    if (y.requiresGrad()) {
      Workspace.closeAtStepEnd(block); // in case no backward runs
    } else {
      block.close();
    }
    return y;
  }
}
