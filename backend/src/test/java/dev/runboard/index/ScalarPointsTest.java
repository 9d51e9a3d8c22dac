package dev.runboard.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScalarPointsTest {
  private static final double[] SPECIAL = {
    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1, -1, Float.MAX_VALUE
  };

  /** The rule as stated: the first lowest and the first highest value, NaN left out. */
  private static long plainExtremes(double[] a, int from, int to) {
    int min = -1;
    int max = -1;
    for (int i = from; i < to; i++) {
      if (!Double.isNaN(a[i])) {
        if (min < 0 || a[i] < a[min]) {
          min = i;
        }
        if (max < 0 || a[i] > a[max]) {
          max = i;
        }
      }
    }
    return ScalarPoints.pack(min, max);
  }

  @Test
  void extremesAreTheFirstLowestAndHighestWhateverTheValues() {
    Random random = new Random(11);
    for (int round = 0; round < 20_000; round++) {
      int n = 1 + random.nextInt(70);
      double[] doubles = new double[n];
      float[] floats = new float[n];
      // Some ranges of specials only (NaN, infinities, zeros of both signs), some mixed.
      int palette = random.nextInt(4);
      for (int i = 0; i < n; i++) {
        double v = palette == 0 || random.nextInt(3) == 0
            ? SPECIAL[random.nextInt(palette == 0 ? 3 : SPECIAL.length)]
            : random.nextInt(5) - 2 + (palette == 1 ? random.nextGaussian() : 0);
        floats[i] = (float) v;
        doubles[i] = floats[i];
      }
      int from = random.nextInt(n);
      int to = from + random.nextInt(n - from + 1);
      long expected = plainExtremes(doubles, from, to);
      assertThat(ScalarPoints.extremes(doubles, from, to)).as("round %d", round).isEqualTo(expected);
      assertThat(ScalarPoints.extremes(floats, from, to)).as("round %d, floats", round).isEqualTo(expected);
    }
  }
}
