package dev.runboard.trainer.ops;

import static dev.runboard.trainer.ops.GradientChecker.check;
import static dev.runboard.trainer.ops.GradientChecker.variable;
import static dev.runboard.trainer.ops.Upstream.backwardWith;
import static dev.runboard.trainer.ops.Upstream.randomVariable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.Backends;
import dev.runboard.trainer.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The fused and specialised kernels written for speed: finite-difference gradient checks, and
 * agreement with the plain ops (or a direct loop) on tensors large enough to span several tiles,
 * blocks and threads.
 */
class FusedKernelsTest {
  private final Backend backend = Backends.cpu();

  @Test
  void biasReluGradients() {
    // Small biases: x is at least 0.1 from 0, so x + bias stays out of a finite-difference step of
    // ReLU's kink.
    check(in -> BiasRelu.apply(backend, in[0], in[1]), variable(60, 4, 3),
        Tensor.variable(new float[] {0.02f, -0.03f, 0.01f}, 3));
    check(in -> BiasRelu.apply(backend, in[0], in[1]), variable(61, 2, 3, 2, 2),
        Tensor.variable(new float[] {-0.02f, 0.03f}, 2));
  }

  @Test
  void biasReluEqualsBiasAddThenReluAcrossTilesAndBlocks() {
    // 3*50*50 rows of 5 channels: tiles of 204 rows, 8 sum blocks of 1024 rows, partial tiles.
    int[] shape = {3, 50, 50, 5};
    Tensor x = randomVariable(62, shape);
    Tensor bias = randomVariable(63, 5);
    Tensor fused = BiasRelu.apply(backend, x, bias);
    float[] upstream = randomVariable(64, shape).data();
    backwardWith(fused, upstream);
    float[] fusedDx = x.grad().clone();
    float[] fusedDb = bias.grad().clone();
    x.zeroGrad();
    bias.zeroGrad();
    Tensor plain = Relu.apply(backend, BiasAdd.apply(backend, x, bias));
    backwardWith(plain, upstream);

    assertThat(fused.data()).containsExactly(plain.data());
    assertThat(fusedDx).containsExactly(x.grad());
    assertThat(fusedDb).containsExactly(bias.grad()); // the same sums in the same order
    long zeros = 0;
    for (float v : fused.data()) {
      zeros += v == 0f ? 1 : 0;
    }
    assertThat(zeros).as("ReLU must clip a good share").isBetween(fused.size() / 4L, fused.size() * 3L / 4);
  }

  @Test
  void tilingMaxPoolGradients() {
    // 2x2 and 3x3 windows that tile the input; 5 and 7 leave uncovered edge rows and columns.
    check(in -> MaxPool2D.apply(backend, in[0], 2, 2, 2, 2, false), variable(65, 2, 5, 5, 3));
    check(in -> MaxPool2D.apply(backend, in[0], 3, 3, 3, 3, false), variable(66, 1, 7, 6, 2));
  }

  @Test
  void tilingMaxPoolMatchesADirectLoopWithTies() {
    int n = 9;
    int h = 27;
    int w = 25;
    int c = 32;
    Tensor x = randomVariable(67, n, h, w, c);
    float[] data = x.data();
    // Ties (as after ReLU): round to a coarse grid and clip, so many windows have equal maxima.
    for (int i = 0; i < data.length; i++) {
      data[i] = Math.max(0f, Math.round(data[i] * 2) / 2f);
    }
    Tensor y = MaxPool2D.apply(backend, x, 2, 2, 2, 2, false);
    float[] upstream = randomVariable(68, y.shape()).data();
    backwardWith(y, upstream);

    int outH = h / 2;
    int outW = w / 2;
    float[] expectedDx = new float[data.length];
    for (int b = 0; b < n; b++) {
      for (int oy = 0; oy < outH; oy++) {
        for (int ox = 0; ox < outW; ox++) {
          for (int ch = 0; ch < c; ch++) {
            int best = -1;
            for (int ky = 0; ky < 2; ky++) {
              for (int kx = 0; kx < 2; kx++) {
                int i = ((b * h + oy * 2 + ky) * w + ox * 2 + kx) * c + ch;
                if (best < 0 || data[i] > data[best]) {
                  best = i; // the first maximum wins
                }
              }
            }
            int o = ((b * outH + oy) * outW + ox) * c + ch;
            assertThat(y.data()[o]).isEqualTo(data[best]);
            expectedDx[best] += upstream[o];
          }
        }
      }
    }
    assertThat(x.grad()).containsExactly(expectedDx);
  }
}
