package dev.runboard.trainer.callbacks;

import dev.runboard.eventlog.Histogram;
import java.util.Arrays;

/**
 * A histogram accumulated over many arrays (every batch's gradient of an epoch) without keeping
 * their values. Values are counted in logarithmic buckets read off the float's top 12 bits (sign,
 * exponent, 3 mantissa bits: each bucket spans 9 % of its values' magnitude, over every float's
 * range), which costs a shift and an increment per value; min, max, count, sum and sum of squares
 * are exact. {@link #toHistogram} re-bins to equal-width buckets over [min, max], like {@link
 * Histogram#of(float[])}, spreading each logarithmic bucket's count over the equal-width buckets
 * it overlaps in proportion to the overlap: exact up to that spreading.
 */
final class RunningHistogram {
  private static final int SHIFT = 20;
  private static final int BUCKETS = 1 << (32 - SHIFT);

  private final long[] counts = new long[BUCKETS];
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double sum;
  private double sumSquares;
  private long count;

  /** Adds the finite values of {@code values} (non-finite ones are left out, as by Histogram.of). */
  void add(float[] values) {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    double s = 0;
    double squares = 0;
    long n = 0;
    for (float v : values) {
      if (Float.isFinite(v)) {
        counts[Float.floatToRawIntBits(v) >>> SHIFT]++;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        s += v;
        squares += (double) v * v;
        n++;
      }
    }
    if (n > 0) {
      min = Math.min(min, lo);
      max = Math.max(max, hi);
      sum += s;
      sumSquares += squares;
      count += n;
    }
  }

  long count() {
    return count;
  }

  void reset() {
    Arrays.fill(counts, 0);
    min = Double.POSITIVE_INFINITY;
    max = Double.NEGATIVE_INFINITY;
    sum = 0;
    sumSquares = 0;
    count = 0;
  }

  Histogram toHistogram(int buckets) {
    if (count == 0) {
      return new Histogram(0, 0, 0, 0, 0, new double[0], new double[0]);
    }
    if (min == max) {
      return new Histogram(min, max, count, sum, sumSquares, new double[] {max}, new double[] {count});
    }
    double width = (max - min) / buckets;
    double[] limits = Histogram.equalWidthLimits(min, max, buckets);
    double[] binned = new double[buckets];
    for (int key = 0; key < BUCKETS; key++) {
      if (counts[key] == 0) {
        continue;
      }
      // The bucket's magnitude range, then its value range (negative buckets mirror it).
      float low = Float.intBitsToFloat((key << SHIFT) & 0x7fffffff);
      float high = Math.nextDown(Float.intBitsToFloat(((key & (BUCKETS / 2 - 1)) + 1) << SHIFT));
      double from = key >= BUCKETS / 2 ? -high : low;
      double to = key >= BUCKETS / 2 ? -low : high;
      // Only values in [min, max] were seen: clip the bucket to it.
      from = Math.max(from, min);
      to = Math.min(to, max);
      spread(binned, counts[key], from, to, width);
    }
    return new Histogram(min, max, count, sum, sumSquares, limits, binned);
  }

  private void spread(double[] binned, long n, double from, double to, double width) {
    int first = bucketOf(from, width, binned.length);
    int last = bucketOf(to, width, binned.length);
    if (first == last || !(to > from)) {
      binned[first] += n;
      return;
    }
    for (int b = first; b <= last; b++) {
      double left = Math.max(from, min + width * b);
      double right = Math.min(to, b == binned.length - 1 ? max : min + width * (b + 1));
      binned[b] += n * Math.max(0, right - left) / (to - from);
    }
  }

  /** The right-closed equal-width bucket holding {@code v}, as Histogram.of places values. */
  private int bucketOf(double v, double width, int buckets) {
    int bucket = (int) Math.ceil((v - min) / width) - 1;
    return Math.max(0, Math.min(buckets - 1, bucket));
  }
}
