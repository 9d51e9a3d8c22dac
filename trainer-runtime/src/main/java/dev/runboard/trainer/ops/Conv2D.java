package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.ConvGeometry;
import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;

/**
 * 2-D convolution of NHWC images with a {@code [kh, kw, in, out]} kernel (Keras's layout) as
 * im2col + one GEMM. Backward is two more GEMMs (kernel gradient {@code colsᵀ·g}, patch gradient
 * {@code g·kernelᵀ}) and col2im; the input gradient is skipped when the input needs none (the
 * first layer).
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
    int m = g.outputPixels();
    int k = g.patchSize();
    int filters = kernel.dim(3);
    boolean pointwise =
        g.kh() == 1 && g.kw() == 1 && strideH == 1 && strideW == 1; // the input already is im2col
    float[] columns;
    if (pointwise) {
      columns = x.data();
    } else {
      columns = Workspace.floats(m * k);
      backend.im2col(x.data(), g, columns);
    }
    float[] out = Workspace.floats(m * filters);
    backend.gemm(false, false, m, filters, k, 1f, columns, 0, kernel.data(), 0, 0f, out, 0);
    int[] shape = {g.batch(), g.outH(), g.outW(), filters};
    return Tensor.result(out, shape, grad -> {
      if (kernel.requiresGrad()) {
        backend.gemm(true, false, k, filters, m, 1f, columns, 0, grad, 0, 1f, kernel.gradBuffer(), 0);
      }
      if (x.requiresGrad()) {
        if (pointwise) {
          backend.gemm(false, true, m, k, filters, 1f, grad, 0, kernel.data(), 0, 1f, x.gradBuffer(), 0);
        } else {
          float[] columnGrad = Workspace.floats(m * k);
          backend.gemm(false, true, m, k, filters, 1f, grad, 0, kernel.data(), 0, 0f, columnGrad, 0);
          backend.col2im(columnGrad, g, x.gradBuffer());
        }
      }
    }, x, kernel);
  }
}
