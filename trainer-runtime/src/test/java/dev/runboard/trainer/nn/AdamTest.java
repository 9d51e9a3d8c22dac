package dev.runboard.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {
  @Test
  void followsKerasUpdateRule() {
    Parameter w = new Parameter("w", 2);
    w.values()[0] = 1f;
    w.values()[1] = -2f;
    Adam adam = new Adam(List.of(w));
    double[] expected = {1, -2};
    double[] m = new double[2];
    double[] v = new double[2];
    double[][] gradients = {{0.5, -3}, {0.25, 1e-9}, {-1, 2}};
    for (int t = 1; t <= gradients.length; t++) {
      for (int i = 0; i < 2; i++) {
        w.gradients()[i] = (float) gradients[t - 1][i];
        double g = gradients[t - 1][i];
        m[i] = 0.9 * m[i] + 0.1 * g;
        v[i] = 0.999 * v[i] + 0.001 * g * g;
        double alpha = 0.001 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
        expected[i] -= alpha * m[i] / (Math.sqrt(v[i]) + 1e-7);
      }
      adam.step();
      assertThat((double) w.values()[0]).isCloseTo(expected[0], within(1e-6));
      assertThat((double) w.values()[1]).isCloseTo(expected[1], within(1e-6));
    }
    assertThat(adam.iterations()).isEqualTo(3);
  }

  @Test
  void firstStepMovesByTheLearningRateWhateverTheGradientScale() {
    Parameter w = new Parameter("w", 2);
    w.gradients()[0] = 1e3f;
    w.gradients()[1] = -1e-3f;
    new Adam(List.of(w), 0.01).step();
    assertThat(w.values()[0]).isCloseTo(-0.01f, within(1e-6f));
    assertThat(w.values()[1]).isCloseTo(0.01f, within(1e-4f));
  }

  @Test
  void minimisesAQuadratic() {
    Parameter w = new Parameter("w", 1);
    Adam adam = new Adam(List.of(w), 0.1);
    for (int i = 0; i < 500; i++) {
      w.gradients()[0] = 2 * (w.values()[0] - 3f);
      adam.step();
    }
    assertThat(w.values()[0]).isCloseTo(3f, within(0.01f));
  }

  @Test
  void rejectsBadHyperparameters() {
    assertThatThrownBy(() -> new Adam(List.of(), 0))
        .hasMessageContaining("learningRate must be positive");
    assertThatThrownBy(() -> new Adam(List.of(), 0.1, 1.0, 0.9, 1e-7))
        .hasMessageContaining("betas must be in [0, 1)");
  }
}
