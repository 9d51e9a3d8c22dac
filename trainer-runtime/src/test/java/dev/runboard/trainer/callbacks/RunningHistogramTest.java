package dev.runboard.trainer.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runboard.eventlog.Histogram;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunningHistogramTest {
  /** Against Histogram.of over all the values at once: exact statistics, counts up to the spreading. */
  @Test
  void matchesAHistogramOfAllValuesSeenTogether() {
    SplittableRandom random = new SplittableRandom(3);
    for (double scale : new double[] {1e-6, 1e-2, 1, 300}) {
      RunningHistogram running = new RunningHistogram();
      float[] all = new float[20 * 500];
      for (int batch = 0; batch < 20; batch++) {
        float[] values = new float[500];
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (scale * (gaussian(random) + (batch % 3 == 0 ? 0.5 : 0)));
          all[batch * 500 + i] = values[i];
        }
        values[7] = batch == 4 ? Float.NaN : values[7]; // left out, as by Histogram.of
        all[batch * 500 + 7] = values[7];
        running.add(values);
      }
      Histogram expected = Histogram.of(all);
      Histogram actual = running.toHistogram(Histogram.DEFAULT_BUCKETS);
      assertThat(actual.count()).isEqualTo(expected.count()).isEqualTo(all.length - 1);
      assertThat(actual.min()).isEqualTo(expected.min());
      assertThat(actual.max()).isEqualTo(expected.max());
      assertThat(actual.sum()).isCloseTo(expected.sum(), within(1e-9 * scale * all.length));
      assertThat(actual.sumSquares()).isCloseTo(expected.sumSquares(), within(1e-9 * expected.sumSquares()));
      assertThat(actual.bucketLimits()).containsExactly(expected.bucketLimits());
      double misplaced = 0;
      for (int b = 0; b < expected.bucketCounts().length; b++) {
        misplaced += Math.abs(actual.bucketCounts()[b] - expected.bucketCounts()[b]);
      }
      assertThat(misplaced / 2 / expected.count()).as("share of counts in another bucket, scale %s", scale).isLessThan(0.05);
    }
  }

  @Test
  void emptyAndConstantInputs() {
    RunningHistogram running = new RunningHistogram();
    assertThat(running.toHistogram(30).count()).isZero();
    running.add(new float[] {2.5f, 2.5f});
    running.add(new float[] {2.5f});
    Histogram h = running.toHistogram(30);
    assertThat(h.bucketLimits()).containsExactly(2.5);
    assertThat(h.bucketCounts()).containsExactly(3.0);
    running.reset();
    assertThat(running.count()).isZero();
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
