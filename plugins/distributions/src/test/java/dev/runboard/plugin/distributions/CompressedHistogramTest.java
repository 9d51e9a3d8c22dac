package dev.runboard.plugin.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The nine basis-point values on histograms small enough to compute by hand with TensorBoard's
 * rules (cumulative weights in basis points, linear interpolation inside the crossing bucket).
 */
class CompressedHistogramTest {
  private static void assertValues(double[] actual, double... expected) {
    assertThat(actual).hasSize(9);
    for (int i = 0; i < 9; i++) {
      assertThat(actual[i]).as("value at basis point %d", CompressedHistogram.BASIS_POINTS[i])
          .isCloseTo(expected[i], within(1e-9));
    }
  }

  @Test
  void evenBucketsInterpolateInsideTheCrossingBucket() {
    // Four values, one per bucket (0,1], (1,2], (2,3], (3,4]: cumulative 2500, 5000, 7500, 10000.
    // 668 bp lies in the first bucket: 0 + 668/2500; 3085 in the second: 1 + 585/2500; 5000 is
    // the second bucket's end, and TensorBoard interpolates from the next one's start (2);
    // 10000 is reached by no later bucket, so it is max.
    double[] v = CompressedHistogram.of(0, 4, 4, new double[] {1, 2, 3, 4}, new double[] {1, 1, 1, 1});
    assertValues(v, 0, 0.2672, 0.6348, 1.234, 2, 2.766, 3.3652, 3.7328, 4);
  }

  @Test
  void emptyBucketsAreSkippedAndALeadingEmptyBucketStartsAtMin() {
    // Buckets (-1,0]: 0, (0,1]: 2, (1,2]: 0, (2,3]: 2; cumulative 0, 5000, 5000, 10000. The first
    // non-empty bucket follows only empty ones, so it starts at min (-1), not at 0.
    double[] v = CompressedHistogram.of(-1, 3, 4, new double[] {0, 1, 2, 3}, new double[] {0, 2, 0, 2});
    assertValues(v, -1, -0.7328, -0.3652, 0.234, 2, 2.383, 2.6826, 2.8664, 3);
  }

  @Test
  void bucketEdgesAreClippedToMinAndMax() {
    // TensorFlow's legacy buckets reach far beyond the data: edges -1e12 and 1e12 become min and max.
    // Two buckets (min=-2, -1e12..0]: 1 value, (0, 1e12 -> max=6]: 3 values: cumulative 2500, 10000.
    double[] v = CompressedHistogram.of(-2, 6, 4, new double[] {0, 1e12}, new double[] {1, 3});
    // Basis point b < 2500: -2 + b * 2 / 2500. Above: 0 + (b - 2500) * 6 / 7500.
    assertValues(v, -2, -2 + 668 * 2 / 2500.0, -2 + 1587 * 2 / 2500.0, (3085 - 2500) * 6 / 7500.0,
        (5000 - 2500) * 6 / 7500.0, (6915 - 2500) * 6 / 7500.0, (8413 - 2500) * 6 / 7500.0,
        (9332 - 2500) * 6 / 7500.0, 6);
  }

  @Test
  void aHistogramOfNoValuesIsAllZeros() {
    assertValues(CompressedHistogram.of(0, 0, 0, new double[0], new double[0]), 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void aSingleValueGivesItEverywhere() {
    // All values equal 5: one bucket of no width, min = max = 5.
    assertValues(CompressedHistogram.of(5, 5, 3, new double[] {5}, new double[] {3}), 5, 5, 5, 5, 5, 5, 5, 5, 5);
  }
}
