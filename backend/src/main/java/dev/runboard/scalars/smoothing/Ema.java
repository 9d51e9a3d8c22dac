package dev.runboard.scalars.smoothing;

import java.util.Locale;

/**
 * TensorBoard's smoothing, exactly: a debiased exponential moving average over the finite points
 * in logged order ({@code last = last * W + (1 - W) * v}, shown as {@code last / (1 - W^n)} after
 * n finite points). Non-finite values are shown as they are and do not enter the average; a
 * constant series is left as it is (tensorflow/tensorboard #786).
 *
 * @param weight W, at least 0 and below 1; 0 leaves the series unchanged
 */
public record Ema(double weight) implements Smoothing {
  public Ema {
    if (!(weight >= 0 && weight < 1)) {
      throw new IllegalArgumentException("weight must be in [0, 1), was " + weight);
    }
  }

  @Override
  public double[] apply(double[] x, double[] values) {
    double[] out = values.clone();
    if (Smoothing.isConstant(values)) {
      return out;
    }
    double last = 0;
    int accumulated = 0;
    // Math.pow costs more than the rest of the loop together. Once W^n is below 2^-60, 1 - W^n
    // is exactly 1 in doubles, as it stays: from there the debiasing divides by 1.
    boolean debiasing = true;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Double.isFinite(v)) {
        last = last * weight + (1 - weight) * v;
        accumulated++;
        if (debiasing) {
          double decay = Math.pow(weight, accumulated);
          debiasing = decay >= 0x1p-60;
          out[i] = last / (1 - decay);
        } else {
          out[i] = last;
        }
      }
    }
    return out;
  }

  @Override
  public String text() {
    return String.format(Locale.ROOT, "ema:%s", weight);
  }
}
