package dev.runboard.eventlog;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * A distribution of values, with the same meaning as TensorBoard's {@code HistogramProto}: bucket
 * {@code i} counts the values in {@code (bucketLimits[i-1], bucketLimits[i]]}, the first bucket
 * starting at {@link #min()}. The summary statistics are exact, not derived from the buckets,
 * unless {@link #estimated()} names them.
 *
 * @param min smallest value (0 when {@code count} is 0)
 * @param max largest value (0 when {@code count} is 0)
 * @param count number of values
 * @param sum sum of the values
 * @param sumSquares sum of the squared values
 * @param bucketLimits right edge of each bucket, strictly increasing
 * @param bucketCounts number of values in each bucket; same length as {@code bucketLimits}
 * @param estimated the statistics that were not logged but derived from the buckets (TensorFlow
 *     2's {@code [k, 3]} histogram tensors hold no sum or sum of squares): a subset of {@link
 *     #SUM} and {@link #SUM_SQUARES}; empty for exact histograms. Runboard's own log format stores
 *     exact histograms only, so it does not record this.
 */
public record Histogram(
    double min,
    double max,
    double count,
    double sum,
    double sumSquares,
    double[] bucketLimits,
    double[] bucketCounts,
    Set<String> estimated) {

  /** Buckets {@link #of(float[])} uses: the number TensorFlow 2's {@code tf.summary.histogram} uses. */
  public static final int DEFAULT_BUCKETS = 30;

  /** {@link #estimated()} name of the sum (TensorBoard's {@code HistogramProto} field name). */
  public static final String SUM = "sum";
  /** {@link #estimated()} name of the sum of squares. */
  public static final String SUM_SQUARES = "sum_squares";

  public Histogram {
    Objects.requireNonNull(estimated, "estimated");
    for (String field : estimated) {
      if (!field.equals(SUM) && !field.equals(SUM_SQUARES)) {
        throw new IllegalArgumentException("only sum and sum_squares can be estimated, not " + field);
      }
    }
    estimated = Set.copyOf(estimated);
    if (bucketLimits.length != bucketCounts.length) {
      throw new IllegalArgumentException(
          "bucketLimits has " + bucketLimits.length + " entries, bucketCounts " + bucketCounts.length);
    }
    for (int i = 1; i < bucketLimits.length; i++) {
      if (!(bucketLimits[i] > bucketLimits[i - 1])) {
        throw new IllegalArgumentException("bucketLimits must increase strictly, at index " + i);
      }
    }
  }

  /** An exact histogram: every statistic as logged. */
  public Histogram(
      double min, double max, double count, double sum, double sumSquares, double[] bucketLimits,
      double[] bucketCounts) {
    this(min, max, count, sum, sumSquares, bucketLimits, bucketCounts, Set.of());
  }

  /** {@link #DEFAULT_BUCKETS} equal-width buckets over the finite values' range. */
  public static Histogram of(float[] values) {
    return of(values, DEFAULT_BUCKETS);
  }

  /**
   * Equal-width buckets between the smallest and the largest finite value (non-finite values are
   * left out: a histogram of weights that went NaN would otherwise have no range at all).
   */
  public static Histogram of(float[] values, int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    double sumSquares = 0;
    long count = 0;
    for (float v : values) {
      if (Float.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
        sumSquares += (double) v * v;
        count++;
      }
    }
    if (count == 0) {
      return new Histogram(0, 0, 0, 0, 0, new double[0], new double[0]);
    }
    if (min == max) {
      return new Histogram(min, max, count, sum, sumSquares, new double[] {max}, new double[] {count});
    }
    double width = (max - min) / buckets;
    double[] limits = equalWidthLimits(min, max, buckets);
    double[] counts = new double[buckets];
    for (float v : values) {
      if (Float.isFinite(v)) {
        // Right-closed buckets: a value exactly on a limit belongs to the bucket that limit ends.
        int bucket = (int) Math.ceil((v - min) / width) - 1;
        counts[Math.max(0, Math.min(buckets - 1, bucket))]++;
      }
    }
    return new Histogram(min, max, count, sum, sumSquares, limits, counts);
  }

  /**
   * The right edges of {@code buckets} equal-width buckets from {@code min} to {@code max}, the last
   * one exactly {@code max} (no rounding may leave the largest value outside).
   */
  public static double[] equalWidthLimits(double min, double max, int buckets) {
    double width = (max - min) / buckets;
    double[] limits = new double[buckets];
    for (int i = 0; i < buckets; i++) {
      limits[i] = min + width * (i + 1);
    }
    limits[buckets - 1] = max;
    return limits;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Histogram h
        && Double.compare(min, h.min) == 0
        && Double.compare(max, h.max) == 0
        && Double.compare(count, h.count) == 0
        && Double.compare(sum, h.sum) == 0
        && Double.compare(sumSquares, h.sumSquares) == 0
        && Arrays.equals(bucketLimits, h.bucketLimits)
        && Arrays.equals(bucketCounts, h.bucketCounts)
        && estimated.equals(h.estimated);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(bucketLimits) + Arrays.hashCode(bucketCounts) + Double.hashCode(sum);
  }

  @Override
  public String toString() {
    return "Histogram[min=" + min + ", max=" + max + ", count=" + count + ", buckets="
        + bucketLimits.length + (estimated.isEmpty() ? "" : ", estimated=" + estimated) + "]";
  }
}
