package dev.runboard.trainer.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runboard.trainer.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Update rules against Keras's formulas, computed by hand in double. */
class OptimizerTest {
  private static Tensor variable(float w, float g) {
    Tensor t = Tensor.variable(new float[] {w}, 1);
    t.gradBuffer()[0] = g;
    return t;
  }

  @Test
  void adamMatchesKerasForTwoSteps() {
    Tensor w = variable(1f, 0.5f);
    Adam adam = new Adam();
    adam.apply(List.of(w));
    // Step 1: m = 0.05, v = 0.00025; lr_t = 0.001·sqrt(1-0.999)/(1-0.9).
    double m = 0.05;
    double v = 0.00025;
    double expected = 1 - 0.001 * Math.sqrt(1 - 0.999) / (1 - 0.9) * m / (Math.sqrt(v) + 1e-7);
    assertThat((double) w.data()[0]).isCloseTo(expected, within(1e-6));
    w.gradBuffer()[0] = -0.25f;
    adam.apply(List.of(w));
    m = 0.9 * m + 0.1 * -0.25;
    v = 0.999 * v + 0.001 * 0.0625;
    expected -= 0.001 * Math.sqrt(1 - 0.999 * 0.999) / (1 - 0.81) * m / (Math.sqrt(v) + 1e-7);
    assertThat((double) w.data()[0]).isCloseTo(expected, within(1e-6));
    assertThat(adam.iterations()).isEqualTo(2);
  }

  @Test
  void sgdWithMomentumAndNesterov() {
    Tensor plain = variable(1f, 2f);
    Sgd sgd = new Sgd(0.1, 0.9, false);
    sgd.apply(List.of(plain));
    sgd.apply(List.of(plain));
    // v1 = -0.2, w1 = 0.8; v2 = 0.9·-0.2 - 0.2 = -0.38, w2 = 0.42
    assertThat((double) plain.data()[0]).isCloseTo(0.42, within(1e-6));

    Tensor nesterov = variable(1f, 2f);
    Sgd nag = new Sgd(0.1, 0.9, true);
    nag.apply(List.of(nesterov));
    // v1 = -0.2; w1 = 1 + 0.9·-0.2 - 0.2 = 0.62
    assertThat((double) nesterov.data()[0]).isCloseTo(0.62, within(1e-6));
  }

  @Test
  void adamWDecaysWeightsBeforeTheAdamStep() {
    Tensor a = variable(2f, 0f);
    new AdamW(LearningRateSchedule.constant(0.1), 0.5).apply(List.of(a));
    // Zero gradient: only the decay acts, w·(1 - lr·wd) = 2·0.95.
    assertThat((double) a.data()[0]).isCloseTo(1.9, within(1e-6));
  }

  @Test
  void schedulesFollowKerasFormulas() {
    ExponentialDecay exp = new ExponentialDecay(0.1, 10, 0.5, false);
    assertThat(exp.at(0)).isEqualTo(0.1);
    assertThat(exp.at(10)).isCloseTo(0.05, within(1e-12));
    assertThat(exp.at(5)).isCloseTo(0.1 * Math.sqrt(0.5), within(1e-12));
    assertThat(new ExponentialDecay(0.1, 10, 0.5, true).at(15)).isCloseTo(0.05, within(1e-12));
    CosineDecay cos = new CosineDecay(1.0, 100, 0.1);
    assertThat(cos.at(0)).isEqualTo(1.0);
    assertThat(cos.at(50)).isCloseTo(0.55, within(1e-12));
    assertThat(cos.at(200)).isCloseTo(0.1, within(1e-12));

    Tensor w = variable(1f, 1f);
    Sgd sgd = new Sgd(new ExponentialDecay(0.1, 1, 0.5, false), 0, false);
    assertThat(sgd.learningRate()).isEqualTo(0.1);
    sgd.apply(List.of(w));
    assertThat(sgd.learningRate()).isCloseTo(0.05, within(1e-12));
  }

  /** What a model file stores recreates an optimizer that continues exactly, schedule position included. */
  @Test
  void configAndStateRoundTripToAnOptimizerThatContinuesExactly() {
    List<Optimizer> optimizers =
        List.of(
            new Adam(new ExponentialDecay(0.01, 3, 0.7, true), 0.8, 0.99, 1e-6),
            new AdamW(new CosineDecay(0.05, 7, 0.1), 0.01),
            new Sgd(0.03, 0.9, true));
    for (Optimizer original : optimizers) {
      Tensor a = variable(1f, 0.5f);
      Tensor b = variable(-2f, 0.25f);
      original.apply(List.of(a, b));
      original.apply(List.of(a, b));
      Optimizer copy = Optimizers.fromConfig(original.config());
      assertThat(copy.config()).isEqualTo(original.config());
      Tensor a2 = variable(a.data()[0], 0.5f);
      Tensor b2 = variable(b.data()[0], 0.25f);
      copy.restore(original.state(List.of(a, b)), List.of(a2, b2));
      assertThat(copy.iterations()).isEqualTo(2);
      original.apply(List.of(a, b));
      copy.apply(List.of(a2, b2));
      assertThat(a2.data()[0]).as(original.name()).isEqualTo(a.data()[0]);
      assertThat(b2.data()[0]).as(original.name()).isEqualTo(b.data()[0]);
    }
    assertThat(new Adam(step -> 0.1, 0.9, 0.999, 1e-7).config()).as("custom schedule").isNull();
    assertThat(new Adam().state(List.of(variable(1f, 1f))).slots()).containsExactly((float[][]) null);
  }
}
