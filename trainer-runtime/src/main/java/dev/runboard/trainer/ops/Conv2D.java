package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.ConvGeometry;
import dev.runboard.trainer.backend.Patches;
import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;

/**
 * 2-D convolution of NHWC images with a {@code [kh, kw, in, out]} kernel (Keras's layout) as
 * im2col + one GEMM, done by the backend, which keeps the patch matrix for backward: two more
 * GEMMs (kernel gradient {@code patchesᵀ·g}, patch gradient {@code g·kernelᵀ}) and col2im. The
 * input gradient is skipped when the input needs none (the first layer).
 */
public final class Conv2D {
  private Conv2D() {}

  public static Tensor apply(
      Backend backend, Tensor x, Tensor kernel, int strideH, int strideW, boolean samePadding) {
    if (x.rank() != 4 || kernel.rank() != 4 || kernel.dim(2) != x.dim(3)) {
      throw new IllegalArgumentException("cannot convolve " + x + " with kernel " + kernel);
    }
    ConvGeometry g =
        ConvGeometry.of(
            x.dim(0), x.dim(1), x.dim(2), x.dim(3),
            kernel.dim(0), kernel.dim(1), strideH, strideW, samePadding);
    int filters = kernel.dim(3);
    float[] out = Workspace.floats(g.outputPixels() * filters);
    Patches patches = backend.convolutionForward(x.data(), g, kernel.data(), filters, out);
    int[] shape = {g.batch(), g.outH(), g.outW(), filters};
    Tensor y = Tensor.result(out, shape, grad -> {
      try {
        backend.convolutionBackward(
            patches, g, grad, kernel.data(), filters,
            kernel.requiresGrad() ? kernel.gradBuffer() : null,
            x.requiresGrad() ? x.gradBuffer() : null);
      } finally {
        patches.close();
      }
    }, x, kernel);
    if (!y.requiresGrad()) {
      patches.close(); // no backward will need them
    } else {
      Workspace.closeAtStepEnd(patches); // in case no backward runs (evaluate, predict)
    }
    return y;
  }
}
