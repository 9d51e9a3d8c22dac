package dev.runboard.trainer.ops;

import static dev.runboard.trainer.ops.Upstream.backwardWith;
import static dev.runboard.trainer.ops.Upstream.randomVariable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.DnnlBackend;
import dev.runboard.trainer.backend.JavaBackend;
import dev.runboard.trainer.tensor.Tensor;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * oneDNN's fused convolution blocks against the pure-Java reference, op by op: forward, and the
 * gradients of input, kernel and bias, on shapes with every option (padding, strides, 1x1
 * kernels, pooling that leaves edges uncovered, "same" pooling, no activation, batches split into
 * slices that run on two threads).
 */
class FusedConvolutionTest {
  private static final ForkJoinPool POOL = new ForkJoinPool(2); // two slices for batches of 16 and more
  private final Backend reference = new JavaBackend(POOL);
  private final DnnlBackend dnnl = DnnlBackend.load(POOL, reference);

  record Case(int n, int h, int w, int c, int kh, int kw, int stride, boolean same, int filters, boolean relu,
      PoolWindow pool) {}

  @Test
  void forwardAndAllGradientsMatchThePureJavaOps() {
    List<Case> cases = List.of(
        new Case(4, 28, 28, 1, 3, 3, 1, false, 32, true, new PoolWindow(2, 2, 2, 2, false)), // the seed's first
        new Case(3, 13, 13, 5, 3, 3, 1, false, 8, true, new PoolWindow(2, 2, 2, 2, false)), // odd: edge left out
        new Case(2, 9, 7, 3, 3, 3, 2, true, 6, false, new PoolWindow(3, 3, 2, 2, true)),
        new Case(2, 6, 6, 4, 1, 1, 1, false, 5, true, null),
        new Case(3, 5, 5, 8, 3, 3, 1, false, 8, true, null),
        // Batches of 16 and more run in slices on several threads: an odd batch splits unevenly.
        new Case(19, 13, 13, 5, 3, 3, 1, false, 8, true, new PoolWindow(2, 2, 2, 2, false)),
        new Case(17, 7, 6, 3, 3, 3, 2, true, 4, true, null));
    long seed = 100;
    for (Case k : cases) {
      Tensor x = randomVariable(seed++, k.n(), k.h(), k.w(), k.c());
      Tensor kernel = randomVariable(seed++, k.kh(), k.kw(), k.c(), k.filters());
      Tensor bias = randomVariable(seed++, k.filters());
      Tensor expected = Conv2D.apply(reference, x, kernel, k.stride(), k.stride(), k.same());
      expected = k.relu() ? BiasRelu.apply(reference, expected, bias) : BiasAdd.apply(reference, expected, bias);
      if (k.pool() != null) {
        PoolWindow p = k.pool();
        expected = MaxPool2D.apply(reference, expected, p.poolH(), p.poolW(), p.strideH(), p.strideW(), p.same());
      }
      float[] upstream = randomVariable(seed++, expected.shape()).data();
      backwardWith(expected, upstream);
      float[] dx = x.grad().clone();
      float[] dk = kernel.grad().clone();
      float[] db = bias.grad().clone();
      x.zeroGrad();
      kernel.zeroGrad();
      bias.zeroGrad();

      Tensor actual = FusedConvolution.apply(
          dnnl, x, kernel, bias, k.stride(), k.stride(), k.same(), k.relu(), k.pool(), true);
      assertThat(actual.shape()).as("%s", k).containsExactly(expected.shape());
      assertClose(actual.data(), expected.data(), 1e-5, k + " forward");
      backwardWith(actual, upstream);
      assertClose(x.grad(), dx, 1e-5, k + " input gradient");
      assertClose(kernel.grad(), dk, 1e-5, k + " kernel gradient");
      assertClose(bias.grad(), db, 1e-5, k + " bias gradient");

      Tensor inference = FusedConvolution.apply(
          dnnl, x, kernel, bias, k.stride(), k.stride(), k.same(), k.relu(), k.pool(), false);
      assertThat(inference.requiresGrad()).isFalse();
      assertClose(inference.data(), expected.data(), 1e-5, k + " inference");
    }
  }

  /** Relative to the largest reference value: summation order differs, nothing else may. */
  private static void assertClose(float[] actual, float[] expected, double tolerance, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    double scale = 0;
    double error = 0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      error = Math.max(error, Math.abs(actual[i] - expected[i]));
    }
    assertThat(scale).as(what + ": a trivial reference").isGreaterThan(0);
    assertThat(error / scale).as(what).isLessThan(tolerance);
  }
}
