package dev.runboard.plugin.distributions;

import dev.runboard.data.HistogramValue;

/**
 * A histogram reduced to its values at fixed cumulative fractions, as TensorBoard's distributions
 * dashboard shows it ({@code compress_histogram_proto} in its distribution plugin): the basis
 * points {@link #BASIS_POINTS} (of 10,000) are the normal distribution's cumulative fractions at
 * −∞, −1.5σ, −1σ, −0.5σ, 0, +0.5σ, +1σ, +1.5σ and +∞, i.e. min, the bands around the median, max.
 *
 * <p>Each value is found by linear interpolation inside the bucket where the cumulative count
 * crosses the basis point; empty buckets are skipped, the first bucket (and any bucket after only
 * empty ones) starts at {@code min}, and bucket edges are clipped to [{@code min}, {@code max}].
 * Basis points beyond the last crossing take {@code max}; a histogram of no values gives zeros.
 * Those are TensorBoard's rules, kept so that the two dashboards agree.
 */
public final class CompressedHistogram {
  /** Basis points (1/100 of a percent) of the nine values. */
  public static final int[] BASIS_POINTS = {0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000};

  private CompressedHistogram() {}

  /** The nine values of a histogram. */
  public static double[] of(HistogramValue h) {
    return of(h.min(), h.max(), h.num(), h.bucketLimits(), h.buckets());
  }

  /** The nine values of a histogram given by its fields. */
  public static double[] of(double min, double max, double num, double[] bucketLimits, double[] buckets) {
    int n = BASIS_POINTS.length;
    double[] values = new double[n];
    if (num == 0) {
      return values;
    }
    double total = 0;
    for (double b : buckets) {
      total += b;
    }
    if (total == 0) {
      total = 1;
    }
    // Cumulative weight in basis points after each bucket.
    double[] cumulative = new double[buckets.length];
    double running = 0;
    for (int i = 0; i < buckets.length; i++) {
      running += buckets[i] * BASIS_POINTS[n - 1] / total;
      cumulative[i] = running;
    }
    int j = 0;
    outer:
    while (j < n) {
      for (int i = firstAbove(cumulative, BASIS_POINTS[j]); i < cumulative.length; i++) {
        double upper = cumulative[i];
        double lower = i > 0 ? cumulative[i - 1] : 0;
        if (upper == lower) {
          continue; // an empty bucket: nothing to interpolate in
        }
        double left = i == 0 || lower == 0 ? min : Math.max(bucketLimits[i - 1], min);
        double right = Math.min(bucketLimits[i], max);
        values[j] = left + (BASIS_POINTS[j] - lower) * (right - left) / (upper - lower);
        j++;
        continue outer;
      }
      break;
    }
    for (; j < n; j++) {
      values[j] = max;
    }
    return values;
  }

  /** The first index whose cumulative weight is above {@code x} (the length when none is). */
  private static int firstAbove(double[] cumulative, double x) {
    int lo = 0;
    int hi = cumulative.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
