package dev.runboard.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {
  @Test
  void uniformLogitsCostLogOfTheClassCount() {
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(10);
    BatchMetrics metrics = loss.compute(new float[20], new int[] {0, 3}, 2, true);
    assertThat(metrics.meanLoss()).isCloseTo(Math.log(10), within(1e-12));
    // Ties go to the first class, like argmax: label 0 counts as correct, label 3 does not.
    assertThat(metrics.correct()).isEqualTo(1);
    assertThat(loss.logitGradient()[0]).isCloseTo((0.1f - 1f) / 2, within(1e-7f));
    assertThat(loss.logitGradient()[1]).isCloseTo(0.1f / 2, within(1e-7f));
  }

  @Test
  void hugeLogitsStayFinite() {
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(3);
    float[] logits = {1e30f, -1e30f, 0f, 500f, 1000f, -500f};
    BatchMetrics metrics = loss.compute(logits, new int[] {0, 0}, 2, true);
    // Row 0 is confidently right (loss 0); row 1 is wrong by 500 nats.
    assertThat(metrics.lossSum()).isCloseTo(500, within(1e-9));
    assertThat(metrics.correct()).isEqualTo(1);
    for (int i = 0; i < 6; i++) {
      assertThat(loss.logitGradient()[i]).isFinite();
    }
    assertThat(loss.logitGradient()[3]).isCloseTo(-0.5f, within(1e-7f));
    assertThat(loss.logitGradient()[4]).isCloseTo(0.5f, within(1e-7f));
  }

  @Test
  void rejectsLabelsOutsideTheClasses() {
    assertThatThrownBy(() -> new SoftmaxCrossEntropy(3).compute(new float[3], new int[] {3}, 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label 3 outside [0, 3)");
  }
}
