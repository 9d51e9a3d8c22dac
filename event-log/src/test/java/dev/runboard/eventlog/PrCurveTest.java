package dev.runboard.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PR curves computed as TensorBoard's pr_curve op does, and logged as generic tensor events. */
class PrCurveTest {
  @TempDir Path dir;

  // Three thresholds 0, 0.5, 1. Positives at 0.4, 0.9, 1.0; negatives at 0.1, 0.6. At 0.5 the
  // model says "positive" for 0.6, 0.9 and 1.0: 2 true positives, 1 false positive, 1 true
  // negative (0.1), 1 false negative (0.4).
  private static final boolean[] LABELS = {true, true, false, false, true};
  private static final float[] PREDICTIONS = {0.9f, 0.4f, 0.6f, 0.1f, 1.0f};

  @Test
  void countsPrecisionAndRecallPerThreshold() {
    float[] rows = PrCurve.compute(LABELS, PREDICTIONS, 3);
    assertThat(row(rows, PrCurve.TRUE_POSITIVES)).containsExactly(3f, 2f, 1f);
    assertThat(row(rows, PrCurve.FALSE_POSITIVES)).containsExactly(2f, 1f, 0f);
    assertThat(row(rows, PrCurve.TRUE_NEGATIVES)).containsExactly(0f, 1f, 2f);
    assertThat(row(rows, PrCurve.FALSE_NEGATIVES)).containsExactly(0f, 1f, 2f);
    assertThat(row(rows, PrCurve.PRECISION)).containsExactly(3f / 5, 2f / 3, 1f);
    assertThat(row(rows, PrCurve.RECALL)).containsExactly(1f, 2f / 3, 1f / 3);
  }

  @Test
  void noPositivesGiveZeroPrecisionAndRecallNotNaN() {
    float[] rows = PrCurve.compute(new boolean[] {false, false}, new float[] {0.2f, 0.7f}, 2);
    assertThat(row(rows, PrCurve.PRECISION)).containsExactly(0f, 0f);
    assertThat(row(rows, PrCurve.RECALL)).containsExactly(0f, 0f);
    // Out-of-range and NaN predictions are clipped into [0, 1], as TensorBoard's buckets clip.
    float[] clipped = PrCurve.compute(new boolean[] {true, true, true}, new float[] {-3f, 7f, Float.NaN}, 2);
    assertThat(row(clipped, PrCurve.TRUE_POSITIVES)).containsExactly(3f, 1f);
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> PrCurve.compute(new boolean[2], new float[3], 5))
        .hasMessageContaining("2 labels for 3 predictions");
    assertThatThrownBy(() -> PrCurve.compute(new boolean[1], new float[1], 1))
        .hasMessageContaining("at least 2");
  }

  @Test
  void pluginContentIsTensorBoardsPrCurvePluginData() {
    assertThat(PrCurve.pluginContent(3)).containsExactly(0x10, 0x03);
    assertThat(PrCurve.pluginContent(201)).containsExactly(0x10, 0xc9, 0x01);
  }

  @Test
  void anEventIsASixRowFloatTensorOfThePrCurvesPluginAndSurvivesTheLog() throws Exception {
    TensorEvent event = PrCurve.event("pr", 7, 1234.5, LABELS, PREDICTIONS, 3);
    assertThat(event.pluginName()).isEqualTo("pr_curves");
    assertThat(event.tensor().dtype()).isEqualTo(TensorValue.FLOAT32);
    assertThat(event.tensor().shape()).containsExactly(6, 3);
    try (EventLogWriter log = EventLogWriter.open(dir)) {
      log.write(event);
    }
    List<TensorEvent> read = TestLogs.only(TestLogs.readRun(dir), TensorEvent.class);
    assertThat(read).containsExactly(event);
  }

  private static float[] row(float[] rows, int row) {
    int t = rows.length / PrCurve.ROWS;
    float[] out = new float[t];
    System.arraycopy(rows, row * t, out, 0, t);
    return out;
  }
}
