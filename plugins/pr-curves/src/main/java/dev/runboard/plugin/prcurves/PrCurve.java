package dev.runboard.plugin.prcurves;

import dev.runboard.data.DenseTensor;
import dev.runboard.data.TensorDatum;
import java.util.Arrays;
import java.util.Optional;

/**
 * One step of a PR-curve tag: TensorBoard's {@code pr_curves} tensor of shape {@code [6, n]}
 * (true positives, false positives, true negatives, false negatives, precision, recall per
 * threshold), with the thresholds {@code i / (n - 1)} TensorBoard assigns to its columns.
 */
record PrCurve(
    long step,
    double wallTime,
    double[] thresholds,
    double[] truePositives,
    double[] falsePositives,
    double[] trueNegatives,
    double[] falseNegatives,
    double[] precision,
    double[] recall) {

  /** The curve a logged tensor holds; empty when it is not a {@code [6, n]} tensor with n ≥ 2. */
  static Optional<PrCurve> of(TensorDatum datum) {
    if (!(datum.value() instanceof DenseTensor t) || t.shape().length != 2 || t.shape()[0] != 6
        || t.shape()[1] < 2) {
      return Optional.empty();
    }
    int n = (int) t.shape()[1];
    double[] v = t.values();
    double[] thresholds = new double[n];
    for (int i = 0; i < n; i++) {
      thresholds[i] = (double) i / (n - 1);
    }
    return Optional.of(new PrCurve(
        datum.step(), datum.wallTime(), thresholds,
        Arrays.copyOfRange(v, 0, n), Arrays.copyOfRange(v, n, 2 * n), Arrays.copyOfRange(v, 2 * n, 3 * n),
        Arrays.copyOfRange(v, 3 * n, 4 * n), Arrays.copyOfRange(v, 4 * n, 5 * n),
        Arrays.copyOfRange(v, 5 * n, 6 * n)));
  }
}
