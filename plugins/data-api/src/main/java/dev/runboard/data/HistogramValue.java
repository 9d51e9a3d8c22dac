package dev.runboard.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * A histogram with TensorBoard's {@code HistogramProto} fields: bucket {@code i} counts the values
 * in {@code (bucketLimits[i-1], bucketLimits[i]]}, the first bucket starting at {@code min}.
 *
 * @param estimated the fields that are not exact but derived from the buckets (TensorFlow 2's
 *     {@code [k, 3]} histogram tensors carry no sum or sum of squares): a subset of {@code sum},
 *     {@code sum_squares}, {@code min}, {@code max}
 */
public record HistogramValue(
    double min,
    double max,
    double num,
    double sum,
    double sumSquares,
    double[] bucketLimits,
    double[] buckets,
    Set<String> estimated)
    implements TensorPayload {
  public HistogramValue {
    Objects.requireNonNull(bucketLimits, "bucketLimits");
    Objects.requireNonNull(buckets, "buckets");
    if (bucketLimits.length != buckets.length) {
      throw new IllegalArgumentException(
          "bucketLimits has " + bucketLimits.length + " entries, buckets " + buckets.length);
    }
    estimated = Set.copyOf(estimated);
  }

  @Override
  public long sizeBytes() {
    return 96L + 16L * buckets.length + 32L * estimated.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HistogramValue h
        && Double.compare(min, h.min) == 0
        && Double.compare(max, h.max) == 0
        && Double.compare(num, h.num) == 0
        && Double.compare(sum, h.sum) == 0
        && Double.compare(sumSquares, h.sumSquares) == 0
        && Arrays.equals(bucketLimits, h.bucketLimits)
        && Arrays.equals(buckets, h.buckets)
        && estimated.equals(h.estimated);
  }

  @Override
  public int hashCode() {
    return Objects.hash(min, max, num, sum, Arrays.hashCode(bucketLimits), Arrays.hashCode(buckets));
  }

  @Override
  public String toString() {
    return "HistogramValue[num=" + num + ", " + buckets.length + " buckets]";
  }
}
