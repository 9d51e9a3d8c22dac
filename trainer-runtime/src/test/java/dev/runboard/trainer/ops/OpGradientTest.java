package dev.runboard.trainer.ops;

import static dev.runboard.trainer.ops.GradientChecker.check;
import static dev.runboard.trainer.ops.GradientChecker.variable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.Backends;
import dev.runboard.trainer.random.SplitMixRandom;
import dev.runboard.trainer.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Every primitive op's backward rule against finite differences. */
class OpGradientTest {
  private final Backend backend = Backends.cpu();

  @Test
  void matMul() {
    check(in -> MatMul.apply(backend, in[0], in[1]), variable(1, 3, 4), variable(2, 4, 5));
  }

  @Test
  void biasAddOnRowsAndPixels() {
    check(in -> BiasAdd.apply(backend, in[0], in[1]), variable(3, 4, 3), variable(4, 3));
    check(in -> BiasAdd.apply(backend, in[0], in[1]), variable(5, 2, 3, 3, 2), variable(6, 2));
  }

  @Test
  void activations() {
    check(in -> Relu.apply(backend, in[0]), variable(7, 4, 6));
    check(in -> Sigmoid.apply(backend, in[0]), variable(8, 4, 6));
    check(in -> Tanh.apply(backend, in[0]), variable(9, 4, 6));
    check(in -> Softmax.apply(backend, in[0]), variable(10, 4, 6));
  }

  @Test
  void conv2dValidSameAndStrided() {
    check(in -> Conv2D.apply(backend, in[0], in[1], 1, 1, false), variable(11, 2, 5, 5, 2), variable(12, 3, 3, 2, 3));
    check(in -> Conv2D.apply(backend, in[0], in[1], 1, 1, true), variable(13, 2, 4, 5, 2), variable(14, 3, 3, 2, 2));
    check(in -> Conv2D.apply(backend, in[0], in[1], 2, 2, true), variable(15, 1, 5, 6, 2), variable(16, 3, 2, 2, 2));
    check(in -> Conv2D.apply(backend, in[0], in[1], 2, 1, false), variable(17, 2, 6, 5, 1), variable(18, 2, 2, 1, 3));
    check(in -> Conv2D.apply(backend, in[0], in[1], 1, 1, false), variable(19, 2, 3, 3, 4), variable(20, 1, 1, 4, 3));
  }

  @Test
  void conv2dMatchesADirectLoop() {
    Tensor x = variable(21, 2, 5, 4, 3);
    Tensor k = variable(22, 3, 2, 3, 4);
    for (boolean same : new boolean[] {false, true}) {
      Tensor y = Conv2D.apply(backend, x, k, 2, 1, same);
      int outH = y.dim(1);
      int outW = y.dim(2);
      int padTop = same ? Math.max(0, (outH - 1) * 2 + 3 - 5) / 2 : 0;
      int padLeft = same ? Math.max(0, (outW - 1) + 2 - 4) / 2 : 0;
      for (int n = 0; n < 2; n++) {
        for (int oy = 0; oy < outH; oy++) {
          for (int ox = 0; ox < outW; ox++) {
            for (int f = 0; f < 4; f++) {
              double sum = 0;
              for (int ky = 0; ky < 3; ky++) {
                for (int kx = 0; kx < 2; kx++) {
                  int iy = oy * 2 + ky - padTop;
                  int ix = ox + kx - padLeft;
                  if (iy < 0 || iy >= 5 || ix < 0 || ix >= 4) {
                    continue;
                  }
                  for (int c = 0; c < 3; c++) {
                    sum += x.data()[((n * 5 + iy) * 4 + ix) * 3 + c] * k.data()[((ky * 2 + kx) * 3 + c) * 4 + f];
                  }
                }
              }
              assertThat((double) y.data()[((n * outH + oy) * outW + ox) * 4 + f]).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-4));
            }
          }
        }
      }
    }
  }

  @Test
  void maxPooling() {
    check(in -> MaxPool2D.apply(backend, in[0], 2, 2, 2, 2, false), variable(23, 2, 4, 5, 2));
    check(in -> MaxPool2D.apply(backend, in[0], 3, 2, 1, 2, true), variable(24, 1, 4, 5, 2));
  }

  @Test
  void flattenAndDropout() {
    check(in -> Flatten.apply(in[0]), variable(25, 2, 3, 2, 2));
    // A fresh generator with the same seed per call: the same mask in every evaluation.
    check(in -> Dropout.apply(backend, in[0], 0.5, new SplitMixRandom(7)), variable(26, 3, 8));
  }

  @Test
  void batchNormalisation() {
    float[] mean = new float[3];
    float[] variance = new float[3];
    check(in -> BatchNorm.training(backend, in[0], in[1], in[2], 1e-3, mean, variance),
        variable(27, 4, 2, 3), variable(28, 3), variable(29, 3));
    check(in -> BatchNorm.inference(backend, in[0], in[1], in[2], 1e-3, new float[] {0.1f, -0.2f, 0.3f}, new float[] {0.5f, 1.5f, 2f}),
        variable(30, 4, 3), variable(31, 3), variable(32, 3));
  }

  @Test
  void losses() {
    Tensor labels = Tensor.of(new float[] {0, 2, 1, 2}, 4);
    Tensor probabilities = Softmax.apply(backend, variable(33, 4, 3));
    Tensor onehot = Tensor.of(new float[] {1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1}, 4, 3);
    Tensor binary = Tensor.of(new float[] {1, 0, 0, 1, 1, 0}, 2, 3);
    check(in -> SoftmaxCrossEntropy.sparse(backend, in[0], labels), variable(34, 4, 3));
    check(in -> SoftmaxCrossEntropy.dense(backend, in[0], onehot), variable(35, 4, 3));
    check(in -> CategoricalCrossEntropy.sparse(Softmax.apply(backend, in[0]), labels), variable(36, 4, 3));
    check(in -> CategoricalCrossEntropy.apply(Softmax.apply(backend, in[0]), onehot), variable(37, 4, 3));
    check(in -> BinaryCrossEntropy.apply(Sigmoid.apply(backend, in[0]), binary), variable(38, 2, 3));
    check(in -> MeanSquaredError.apply(in[0], binary), variable(39, 2, 3));
    assertThat(probabilities.size()).isEqualTo(12);
  }

  @Test
  void fusedCrossEntropyStaysFiniteForHugeLogits() {
    Tensor logits = Tensor.variable(new float[] {1000f, -1000f, 0f, -500f, 500f, 0f}, 2, 3);
    Tensor loss = SoftmaxCrossEntropy.sparse(backend, logits, Tensor.of(new float[] {1, 1}, 2));
    assertThat(loss.item()).isFinite().isCloseTo(1000f, org.assertj.core.data.Offset.offset(1e-2f));
    loss.backward();
    for (float g : logits.grad()) {
      assertThat(g).isFinite();
    }
  }

  @Test
  void theCheckerCatchesAWrongBackwardRule() {
    // Relu whose rule forgets the mask: must be reported.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> check(in -> {
              Tensor x = in[0];
              Tensor y = Relu.apply(backend, x);
              return Tensor.result(y.data(), y.shape(), g -> {
                float[] dx = x.gradBuffer();
                for (int i = 0; i < g.length; i++) {
                  dx[i] += g[i];
                }
              }, x);
            }, variable(40, 3, 4)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("analytic");
  }

  @Test
  void add() {
    check(in -> Add.apply(backend, in[0], in[1]), variable(41, 3, 4), variable(42, 3, 4));
  }

  @Test
  void aTensorFeedingSeveralOpsAccumulatesEveryPath() {
    // x reaches the output through ReLU, sigmoid and a reshape: gradients handed on without a
    // copy (ReLU masks in place) must not corrupt the other paths.
    check(in -> {
      Tensor x = in[0];
      Tensor both = Add.apply(backend, Relu.apply(backend, x), Sigmoid.apply(backend, x));
      return Add.apply(backend, both, x.reshape(3, 4));
    }, variable(43, 3, 4));
    // The same tensor twice into one op.
    check(in -> Add.apply(backend, Relu.apply(backend, in[0]), Relu.apply(backend, in[0])), variable(44, 2, 5));
    check(in -> {
      Tensor r = Relu.apply(backend, in[0]);
      return Add.apply(backend, r, r);
    }, variable(45, 2, 5));
  }
}
