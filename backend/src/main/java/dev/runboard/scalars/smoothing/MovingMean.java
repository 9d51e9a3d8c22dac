package dev.runboard.scalars.smoothing;

import java.util.Locale;

/**
 * A trailing moving average: each point shows the mean of the last K finite values up to and
 * including it, in logged order (fewer at the start of the series).
 *
 * @param points K, at least 1; 1 leaves the series unchanged
 */
public record MovingMean(int points) implements Smoothing {
  public static final int MAX_POINTS = 1_000_000;

  public MovingMean {
    if (points < 1 || points > MAX_POINTS) {
      throw new IllegalArgumentException("K must be between 1 and " + MAX_POINTS + ", was " + points);
    }
  }

  @Override
  public double[] apply(double[] x, double[] values) {
    double[] out = values.clone();
    if (points == 1 || Smoothing.isConstant(values)) {
      return out;
    }
    // The window's finite values, as a ring of positions. The running sum is compensated
    // (Neumaier) so that adding and removing millions of values does not build up rounding.
    int[] window = new int[points];
    int head = 0;
    int size = 0;
    double sum = 0;
    double compensation = 0;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!Double.isFinite(v)) {
        continue;
      }
      if (size == points) {
        double removed = -values[window[head]];
        double t = sum + removed;
        compensation += Math.abs(sum) >= Math.abs(removed) ? (sum - t) + removed : (removed - t) + sum;
        sum = t;
        window[head] = i;
        head = (head + 1) % points;
      } else {
        window[(head + size) % points] = i;
        size++;
      }
      double t = sum + v;
      compensation += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
      sum = t;
      out[i] = (sum + compensation) / size;
    }
    return out;
  }

  @Override
  public String text() {
    return String.format(Locale.ROOT, "mean:%d", points);
  }
}
