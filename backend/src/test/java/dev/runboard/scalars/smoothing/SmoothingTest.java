package dev.runboard.scalars.smoothing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every smoothing kind against values worked out by hand (TensorBoard's EMA formula) or against a
 * naive reference implementation written from the definition, on fixed and random series with
 * NaN, infinities, constant runs and uneven steps.
 */
class SmoothingTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  private static double[] index(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
    }
    return x;
  }

  private static void assertClose(double[] actual, double[] expected, double relative) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      if (!Double.isFinite(expected[i])) {
        assertThat(Double.compare(actual[i], expected[i])).as("point %d: %s vs %s", i, actual[i], expected[i]).isZero();
      } else {
        double tolerance = relative * Math.max(1, Math.abs(expected[i]));
        assertThat(Math.abs(actual[i] - expected[i])).as("point %d: %s vs %s", i, actual[i], expected[i])
            .isLessThanOrEqualTo(tolerance);
      }
    }
  }

  // -- EMA: TensorBoard's formula, worked by hand -------------------------------------------------
  // last = last * W + (1 - W) * v over finite points; shown = last / (1 - W^n), n = finite points so far.

  @Test
  void emaMatchesTensorBoardsFormulaByHand() {
    // W = 0.5: last 0.5, 1.25, 2.125; debias 0.5, 0.75, 0.875.
    assertClose(new Ema(0.5).apply(index(3), new double[] {1, 2, 3}), new double[] {1, 5.0 / 3, 17.0 / 7}, 1e-15);
    // W = 0.6: last 4, 2.4; debias 0.4, 0.64.
    assertClose(new Ema(0.6).apply(index(2), new double[] {10, 0}), new double[] {10, 3.75}, 1e-15);
  }

  @Test
  void emaPassesNonFiniteValuesThroughAndSkipsThem() {
    // W = 0.5: 1 -> last 0.5 (n 1) -> 1; NaN shown as is; 3 -> last 1.75 (n 2) -> 7/3;
    // +Inf shown as is; 5 -> last 3.375 (n 3) -> 27/7.
    assertClose(
        new Ema(0.5).apply(index(5), new double[] {1, NAN, 3, INF, 5}),
        new double[] {1, NAN, 7.0 / 3, INF, 27.0 / 7}, 1e-15);
    assertClose(new Ema(0.5).apply(index(3), new double[] {NAN, NAN, NAN}), new double[] {NAN, NAN, NAN}, 0);
    assertClose(new Ema(0.5).apply(index(2), new double[] {-INF, 4}), new double[] {-INF, 4}, 1e-15);
  }

  @Test
  void emaOverLongSeriesEqualsTheFormulaWithPowAtEveryPointBitForBit() {
    // The implementation stops calling Math.pow once W^n no longer changes 1 - W^n.
    Random random = new Random(5);
    for (double w : new double[] {0.1, 0.6, 0.95, 0.999}) {
      double[] values = new double[50_000];
      for (int i = 0; i < values.length; i++) {
        values[i] = i % 997 == 0 ? NAN : random.nextGaussian() * 10;
      }
      double[] expected = values.clone();
      double last = 0;
      int n = 0;
      for (int i = 0; i < values.length; i++) {
        if (Double.isFinite(values[i])) {
          last = last * w + (1 - w) * values[i];
          n++;
          expected[i] = last / (1 - Math.pow(w, n));
        }
      }
      assertThat(new Ema(w).apply(index(values.length), values)).as("W = %s", w).containsExactly(expected);
    }
  }

  @Test
  void aConstantSeriesIsLeftAsItIs() {
    double[] constant = {0.1, 0.1, 0.1, 0.1};
    for (Smoothing s : new Smoothing[] {new Ema(0.9), new TimeWeightedEma(0.9), new GaussianSmoothing(2), new MovingMean(3)}) {
      assertThat(s.apply(index(4), constant)).as(s.text()).containsExactly(constant);
      assertThat(s.apply(index(1), new double[] {7})).as(s.text()).containsExactly(7);
      assertThat(s.apply(index(0), new double[0])).as(s.text()).isEmpty();
    }
    // Without the constant rule, an EMA of 0.1s would drift by rounding (tensorboard #786).
    assertThat(new Ema(0.5).apply(index(2), new double[] {0.0, -0.0})).containsExactly(0.0, -0.0);
  }

  @Test
  void weightZeroLeavesTheSeriesUnchanged() {
    double[] v = {3, 1, NAN, 4, 1, 5};
    assertClose(new Ema(0).apply(index(6), v), v, 0);
    assertClose(new TimeWeightedEma(0).apply(index(6), v), v, 0);
    assertClose(new MovingMean(1).apply(index(6), v), v, 0);
  }

  // -- twema -----------------------------------------------------------------------------------

  @Test
  void timeWeightedEmaEqualsTheEmaOnEvenSteps() {
    // Only on finite values: a NaN between two points is distance for the time-weighted average.
    Random random = new Random(1);
    double[] v = new double[500];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextGaussian();
    }
    double[] x = new double[500];
    for (int i = 0; i < 500; i++) {
      x[i] = 100 + 10.0 * i;
    }
    assertClose(new TimeWeightedEma(0.6).apply(x, v), new Ema(0.6).apply(x, v), 1e-10);
  }

  @Test
  void timeWeightedEmaMatchesANaiveReferenceOnUnevenSteps() {
    Random random = new Random(2);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(300);
      double[] v = randomValues(random, n);
      double[] x = new double[n];
      double at = random.nextInt(100);
      for (int i = 0; i < n; i++) {
        at += random.nextInt(4) == 0 ? random.nextInt(1000) : 1 + random.nextInt(3);
        x[i] = at;
      }
      double w = random.nextDouble() * 0.99;
      assertClose(new TimeWeightedEma(w).apply(x, v), naiveTwema(x, v, w), 1e-9);
    }
  }

  /** Each point: weights W^((x_i - x_j) / d) over the finite points j up to i, d the mean spacing. */
  private static double[] naiveTwema(double[] x, double[] v, double w) {
    double[] out = v.clone();
    if (isConstant(v)) {
      return out;
    }
    int first = -1;
    int last = -1;
    int m = 0;
    for (int i = 0; i < v.length; i++) {
      if (Double.isFinite(v[i])) {
        first = first < 0 ? i : first;
        last = i;
        m++;
      }
    }
    double d = m > 1 ? (x[last] - x[first]) / (m - 1) : 0;
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        continue;
      }
      double num = 0;
      double den = 0;
      int k = 0; // finite points after j up to i, for d == 0
      for (int j = i; j >= 0; j--) {
        if (!Double.isFinite(v[j])) {
          continue;
        }
        double weight = d > 0 ? Math.pow(w, (x[i] - x[j]) / d) : Math.pow(w, k);
        num += weight * v[j];
        den += weight;
        k++;
      }
      out[i] = num / den;
    }
    return out;
  }

  // -- gauss -----------------------------------------------------------------------------------

  @Test
  void gaussianMatchesANaiveReference() {
    Random random = new Random(3);
    for (double sigma : new double[] {0.3, 1, 2.5, 17}) {
      double[] v = randomValues(random, 400);
      assertClose(new GaussianSmoothing(sigma).apply(index(400), v), naiveGauss(v, sigma), 1e-12);
    }
  }

  @Test
  void wideGaussianKernelsGoThroughTheFftAndStillMatch() {
    Random random = new Random(4);
    double[] v = randomValues(random, 30_000); // 30,000 x 901 kernel terms: the FFT path
    for (int i = 0; i < v.length; i++) {
      v[i] = Double.isFinite(v[i]) ? v[i] + 1000 * Math.sin(i / 3000.0) : v[i];
    }
    assertClose(new GaussianSmoothing(150).apply(index(v.length), v), naiveGauss(v, 150), 1e-9);
  }

  private static double[] naiveGauss(double[] v, double sigma) {
    double[] out = v.clone();
    if (isConstant(v)) {
      return out;
    }
    int r = (int) Math.ceil(3 * sigma);
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        continue;
      }
      double num = 0;
      double den = 0;
      for (int j = Math.max(0, i - r); j <= Math.min(v.length - 1, i + r); j++) {
        if (Double.isFinite(v[j])) {
          double w = Math.exp(-(double) (j - i) * (j - i) / (2 * sigma * sigma));
          num += w * v[j];
          den += w;
        }
      }
      out[i] = num / den;
    }
    return out;
  }

  // -- mean ------------------------------------------------------------------------------------

  @Test
  void movingMeanMatchesANaiveReference() {
    Random random = new Random(5);
    for (int k : new int[] {2, 3, 10, 1000}) {
      double[] v = randomValues(random, 3000);
      assertClose(new MovingMean(k).apply(index(3000), v), naiveMean(v, k), 1e-12);
    }
    // By hand: K = 2 over 1, NaN, 3, 5 -> 1, NaN, (1+3)/2, (3+5)/2.
    assertClose(new MovingMean(2).apply(index(4), new double[] {1, NAN, 3, 5}), new double[] {1, NAN, 2, 4}, 0);
  }

  @Test
  void movingMeanStaysExactOverMillionsOfPoints() {
    double[] v = new double[2_000_000];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i % 2 == 0 ? 1e8 : 1e-3) + i;
    }
    double[] out = new MovingMean(2).apply(index(v.length), v);
    int last = v.length - 1;
    assertThat(out[last]).isCloseTo((v[last] + v[last - 1]) / 2, org.assertj.core.data.Offset.offset(1e-6));
  }

  private static double[] naiveMean(double[] v, int k) {
    double[] out = v.clone();
    if (isConstant(v)) {
      return out;
    }
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        continue;
      }
      double sum = 0;
      int n = 0;
      for (int j = i; j >= 0 && n < k; j--) {
        if (Double.isFinite(v[j])) {
          sum += v[j];
          n++;
        }
      }
      out[i] = sum / n;
    }
    return out;
  }

  // -- parsing ---------------------------------------------------------------------------------

  @Test
  void parsesTheWireFormAndRejectsEverythingElse() {
    assertThat(Smoothing.parse("ema:0.6")).isEqualTo(new Ema(0.6));
    assertThat(Smoothing.parse(" TWEMA:0.9 ")).isEqualTo(new TimeWeightedEma(0.9));
    assertThat(Smoothing.parse("gauss:2.5")).isEqualTo(new GaussianSmoothing(2.5));
    assertThat(Smoothing.parse("mean:5")).isEqualTo(new MovingMean(5));
    assertThat(Smoothing.parse("ema:0.6").text()).isEqualTo("ema:0.6");
    for (String bad : new String[] {"ema", "ema:1", "ema:-0.1", "ema:x", "ema:NaN", "box:3", "gauss:0", "gauss:-1",
        "gauss:1e9", "mean:0", "mean:1.5", "mean:x", ""}) {
      assertThatThrownBy(() -> Smoothing.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static double[] randomValues(Random random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(50);
      v[i] = kind == 0 ? NAN : kind == 1 ? INF : kind == 2 ? -INF : random.nextGaussian() * 10 + 3;
    }
    return v;
  }

  private static boolean isConstant(double[] v) {
    for (double d : v) {
      if (d != v[0]) {
        return false;
      }
    }
    return true;
  }
}
