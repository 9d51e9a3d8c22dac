package dev.runboard.scalars.smoothing;

import java.util.Locale;

/**
 * An exponential moving average whose decay follows the x-axis instead of the point count, so
 * that uneven steps (an evaluation every 1,000 steps, then every 10) weigh by distance, not by
 * number. Between two finite points the average decays by {@code W^(Δx / d)}, where {@code d} is
 * the mean x-spacing of the series' finite points: on evenly spaced points it equals {@link Ema}
 * with the same W. The average is debiased the same way (weights are normalised by their sum).
 * Points that go back in x count as no distance.
 *
 * @param weight W, at least 0 and below 1; 0 leaves the series unchanged
 */
public record TimeWeightedEma(double weight) implements Smoothing {
  public TimeWeightedEma {
    if (!(weight >= 0 && weight < 1)) {
      throw new IllegalArgumentException("weight must be in [0, 1), was " + weight);
    }
  }

  @Override
  public double[] apply(double[] x, double[] values) {
    double[] out = values.clone();
    if (weight == 0 || Smoothing.isConstant(values)) {
      return out;
    }
    int first = -1;
    int last = -1;
    int finite = 0;
    for (int i = 0; i < values.length; i++) {
      if (Double.isFinite(values[i])) {
        first = first < 0 ? i : first;
        last = i;
        finite++;
      }
    }
    double spacing = finite > 1 ? (x[last] - x[first]) / (finite - 1) : 0;
    double logWeight = Math.log(weight);
    double sum = 0;
    double norm = 0;
    double previousX = Double.NaN;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!Double.isFinite(v)) {
        continue;
      }
      double decay;
      if (previousX != previousX) {
        decay = 0;
      } else if (spacing > 0) {
        decay = Math.exp(logWeight * Math.max(0, x[i] - previousX) / spacing);
      } else {
        decay = weight; // no spread in x: one point, one step
      }
      sum = sum * decay + v;
      norm = norm * decay + 1;
      out[i] = sum / norm;
      previousX = x[i];
    }
    return out;
  }

  @Override
  public String text() {
    return String.format(Locale.ROOT, "twema:%s", weight);
  }
}
