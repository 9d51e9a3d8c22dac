package dev.runboard.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checks the hand-written backward rules of Dense, Relu and SoftmaxCrossEntropy against central
 * finite differences. The reference loss is recomputed in double precision from the model's
 * parameters, so the differences are accurate to ~1e-9 and any mismatch beyond float rounding of
 * the analytical gradient is a real bug.
 */
class GradientCheckTest {
  private static final int INPUTS = 5;
  private static final int CLASSES = 3;
  private static final double H = 1e-5;

  @Test
  void parameterGradientsMatchFiniteDifferences() {
    // Two hidden layers, so the input gradient of a Dense and of a Relu both take part.
    Mlp model = Mlp.denseRelu(INPUTS, List.of(6, 4), CLASSES, 11);
    randomiseBiases(model, 12);
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(CLASSES);

    // Warm up with a bigger batch first: the check then runs on reused, oversized buffers.
    float[] big = randomInputs(8, 13);
    int[] bigLabels = {0, 1, 2, 0, 1, 2, 0, 1};
    loss.compute(model.forward(big, 8), bigLabels, 8, true);
    model.backward(loss.logitGradient(), 8);

    int batch = 3;
    float[] x = randomInputs(batch, 14);
    x[1] = 0f; // exact zeros take the skip path in Dense
    x[INPUTS + 3] = 0f;
    int[] labels = {2, 0, 1};
    BatchMetrics metrics = loss.compute(model.forward(x, batch), labels, batch, true);
    model.backward(loss.logitGradient(), batch);

    double[][] params = copyParameters(model);
    assertThat(metrics.meanLoss()).isCloseTo(referenceLoss(model, params, x, labels, batch), within(1e-5));

    int checked = 0;
    List<Parameter> parameters = model.parameters();
    for (int p = 0; p < parameters.size(); p++) {
      float[] analytical = parameters.get(p).gradients();
      for (int i = 0; i < analytical.length; i++) {
        double saved = params[p][i];
        params[p][i] = saved + H;
        double plus = referenceLoss(model, params, x, labels, batch);
        params[p][i] = saved - H;
        double minus = referenceLoss(model, params, x, labels, batch);
        params[p][i] = saved;
        double numerical = (plus - minus) / (2 * H);
        assertThat((double) analytical[i])
            .as("%s[%d]", parameters.get(p).name(), i)
            .isCloseTo(numerical, within(2e-6 + 1e-3 * Math.abs(numerical)));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(5 * 6 + 6 + 6 * 4 + 4 + 4 * 3 + 3);
  }

  @Test
  void logitGradientMatchesFiniteDifferences() {
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(4);
    float[] logits = {0.3f, -1.2f, 2.0f, 0.1f, 5f, 5f, -3f, 0.7f};
    int[] labels = {1, 3};
    loss.compute(logits, labels, 2, true);
    float[] gradient = loss.logitGradient().clone();
    for (int i = 0; i < logits.length; i++) {
      double[] shifted = new double[logits.length];
      for (int j = 0; j < logits.length; j++) {
        shifted[j] = logits[j];
      }
      shifted[i] += H;
      double plus = meanCrossEntropy(shifted, labels, 4);
      shifted[i] -= 2 * H;
      double minus = meanCrossEntropy(shifted, labels, 4);
      assertThat((double) gradient[i]).isCloseTo((plus - minus) / (2 * H), within(1e-6));
    }
  }

  // ---- double-precision reference ----

  private static double referenceLoss(Mlp model, double[][] params, float[] x, int[] labels, int batch) {
    double[] activations = new double[batch * INPUTS];
    for (int i = 0; i < activations.length; i++) {
      activations[i] = x[i];
    }
    int width = INPUTS;
    int p = 0;
    for (Layer layer : model.layers()) {
      if (layer instanceof Dense) {
        double[] w = params[p++];
        double[] b = params[p++];
        int out = layer.outputSize();
        double[] next = new double[batch * out];
        for (int r = 0; r < batch; r++) {
          for (int j = 0; j < out; j++) {
            double sum = b[j];
            for (int k = 0; k < width; k++) {
              sum += activations[r * width + k] * w[k * out + j];
            }
            next[r * out + j] = sum;
          }
        }
        activations = next;
        width = out;
      } else {
        for (int i = 0; i < activations.length; i++) {
          activations[i] = Math.max(0, activations[i]);
        }
      }
    }
    return meanCrossEntropy(activations, labels, width);
  }

  private static double meanCrossEntropy(double[] logits, int[] labels, int classes) {
    double total = 0;
    for (int r = 0; r < labels.length; r++) {
      double sumExp = 0;
      for (int j = 0; j < classes; j++) {
        sumExp += Math.exp(logits[r * classes + j]);
      }
      total += Math.log(sumExp) - logits[r * classes + labels[r]];
    }
    return total / labels.length;
  }

  private static double[][] copyParameters(Mlp model) {
    List<Parameter> parameters = model.parameters();
    double[][] copy = new double[parameters.size()][];
    for (int p = 0; p < copy.length; p++) {
      float[] values = parameters.get(p).values();
      copy[p] = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        copy[p][i] = values[i];
      }
    }
    return copy;
  }

  /** Keras starts biases at zero; nonzero ones make the check cover their effect on ReLU too. */
  private static void randomiseBiases(Mlp model, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (Parameter parameter : model.parameters()) {
      if (parameter.name().endsWith("/bias")) {
        for (int i = 0; i < parameter.size(); i++) {
          parameter.values()[i] = (float) random.nextDouble(-0.5, 0.5);
        }
      }
    }
  }

  private static float[] randomInputs(int batch, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[batch * INPUTS];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble(-1, 1);
    }
    return x;
  }
}
