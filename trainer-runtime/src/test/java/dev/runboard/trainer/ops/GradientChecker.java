package dev.runboard.trainer.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.trainer.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Compares the autodiff gradients of {@code f} with central finite differences. The scalar
 * differentiated is {@code Σ f(x)ᵢ·rᵢ} for a fixed random {@code r}, so every output value and
 * every path is exercised; it is accumulated in double so that the float32 forward pass is the
 * only rounding in the numerical reference.
 */
final class GradientChecker {
  private static final double STEP = 1e-2;

  private GradientChecker() {}

  static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
    check(f, 2e-3, 2e-2, inputs);
  }

  static void check(Function<Tensor[], Tensor> f, double absTolerance, double relTolerance, Tensor... inputs) {
    Tensor probe = f.apply(inputs);
    SplittableRandom random = new SplittableRandom(99);
    float[] weights = new float[probe.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (float) (random.nextDouble() * 2 - 1);
    }
    for (Tensor input : inputs) {
      input.zeroGrad();
    }
    Tensor output = f.apply(inputs);
    weightedSum(output, weights).backward();
    int checked = 0;
    for (int t = 0; t < inputs.length; t++) {
      Tensor input = inputs[t];
      if (!input.requiresGrad()) {
        continue;
      }
      float[] analytic = input.grad().clone();
      float[] x = input.data();
      for (int i = 0; i < x.length; i++) {
        float saved = x[i];
        x[i] = (float) (saved + STEP);
        double plus = weightedValue(f.apply(constants(inputs)), weights);
        x[i] = (float) (saved - STEP);
        double minus = weightedValue(f.apply(constants(inputs)), weights);
        x[i] = saved;
        double numeric = (plus - minus) / (2 * STEP);
        double tolerance = absTolerance + relTolerance * Math.max(Math.abs(numeric), Math.abs(analytic[i]));
        assertThat((double) analytic[i])
            .as("d/d input %d [%d]: analytic %s vs numeric %s", t, i, analytic[i], numeric)
            .isCloseTo(numeric, org.assertj.core.data.Offset.offset(tolerance));
        checked++;
      }
    }
    assertThat(checked).as("gradient entries checked").isPositive();
  }

  /** Same data, no gradient tracking: finite differences need forward passes only. */
  private static Tensor[] constants(Tensor[] inputs) {
    Tensor[] copies = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      copies[i] = Tensor.of(inputs[i].data(), inputs[i].shape());
    }
    return copies;
  }

  private static double weightedValue(Tensor output, float[] weights) {
    double sum = 0;
    float[] y = output.data();
    for (int i = 0; i < y.length; i++) {
      sum += (double) y[i] * weights[i];
    }
    return sum;
  }

  private static Tensor weightedSum(Tensor output, float[] weights) {
    float value = (float) weightedValue(output, weights);
    return Tensor.result(new float[] {value}, new int[0], g -> {
      float[] dy = output.gradBuffer();
      for (int i = 0; i < weights.length; i++) {
        dy[i] += g[0] * weights[i];
      }
    }, output);
  }

  /** Values in ±[0.1, 1.1], spread so that no two are within a finite-difference step (kinks of
   * ReLU at 0 and of max pooling at ties stay out of reach). */
  static Tensor variable(long seed, int... shape) {
    SplittableRandom random = new SplittableRandom(seed);
    int size = Tensor.sizeOf(shape);
    float[] data = new float[size];
    for (int i = 0; i < size; i++) {
      // A permutation of an evenly spaced grid: distinct by at least 1/size.
      data[i] = (float) (0.1 + (double) i / size);
    }
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      float swap = data[i];
      data[i] = data[j];
      data[j] = swap;
    }
    for (int i = 0; i < size; i++) {
      if (random.nextBoolean()) {
        data[i] = -data[i];
      }
    }
    return Tensor.variable(data, shape);
  }
}
