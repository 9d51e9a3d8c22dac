package dev.runboard.scalars.smoothing;

import dev.runboard.data.ValueTransform;
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
    if (!Smoothing.isConstant(values)) {
      new Running().next(x, values, out, values.length);
    }
    return out;
  }

  @Override
  public ValueTransform streaming() {
    return Running::new;
  }

  /** The average over the points so far, and whether they were all equal. */
  private final class Running implements ValueTransform.Running {
    private double last;
    private int accumulated;
    // Math.pow costs more than the rest of the loop together. Once W^n is below 2^-60, 1 - W^n
    // is exactly 1 in doubles, as it stays: from there the debiasing divides by 1.
    private boolean debiasing = true;
    private boolean started;
    private boolean constant = true;
    private double first;

    @Override
    public void next(double[] x, double[] values, double[] out, int n) {
      if (n > 0 && !started) {
        started = true;
        first = values[0];
      }
      // The state in locals for the loop, in the fields after it: the average is a chain of
      // dependent steps, and a round trip through memory at each step doubled its time.
      double w = weight;
      double average = last;
      int count = accumulated;
      boolean debias = debiasing;
      boolean same = constant;
      double firstValue = first;
      for (int i = 0; i < n; i++) {
        double v = values[i];
        same &= v == firstValue; // as Smoothing.isConstant: a NaN anywhere makes it not constant
        if (Double.isFinite(v)) {
          average = average * w + (1 - w) * v;
          count++;
          if (debias) {
            double decay = Math.pow(w, count);
            debias = decay >= 0x1p-60;
            out[i] = average / (1 - decay);
          } else {
            out[i] = average;
          }
        } else {
          out[i] = v;
        }
      }
      last = average;
      accumulated = count;
      debiasing = debias;
      constant = same;
    }

    @Override
    public boolean unchanged() {
      return constant;
    }
  }

  @Override
  public String text() {
    return String.format(Locale.ROOT, "ema:%s", weight);
  }
}
