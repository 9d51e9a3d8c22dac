package dev.runboard.scalars.smoothing;

import dev.runboard.data.ValueTransform;
import java.util.Locale;

/**
 * A smoothing of a scalar series, computed on the full-resolution series (never on a downsampled
 * one: TensorBoard #1518, #3493, #6829). Every kind leaves non-finite values (NaN, ±Inf) as they
 * are and keeps them out of its averages, and leaves a constant series unchanged, as TensorBoard's
 * EMA does.
 *
 * <p>Written as {@code kind:parameter}: {@code ema:W}, {@code twema:W}, {@code gauss:σ}, {@code
 * mean:K} (see the implementations).
 */
public sealed interface Smoothing permits Ema, TimeWeightedEma, GaussianSmoothing, MovingMean {
  /**
   * The smoothed values of a series, point by point in logged order.
   *
   * @param x each point's x on the axis in use (only the time-weighted EMA looks at it)
   * @param values the raw values; not modified
   */
  double[] apply(double[] x, double[] values);

  /**
   * The same smoothing as a running transform, for a read to apply while it scans a series, or
   * null when a smoothed value depends on points after it or on the whole series: then the
   * series is read in full and {@link #apply} used.
   */
  default ValueTransform streaming() {
    return null;
  }

  /** The wire form, e.g. {@code ema:0.6}. */
  String text();

  /**
   * Parses the wire form.
   *
   * @throws IllegalArgumentException with a message a user can act on
   */
  static Smoothing parse(String text) {
    String t = text.trim();
    int colon = t.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "must be kind:parameter, one of ema:W, twema:W, gauss:σ, mean:K; was '" + text + "'");
    }
    String kind = t.substring(0, colon).toLowerCase(Locale.ROOT);
    String parameter = t.substring(colon + 1).trim();
    switch (kind) {
      case "ema":
        return new Ema(weight(text, parameter));
      case "twema":
        return new TimeWeightedEma(weight(text, parameter));
      case "gauss":
        return new GaussianSmoothing(number(text, parameter));
      case "mean":
        return new MovingMean(integer(text, parameter));
      default:
        throw new IllegalArgumentException(
            "has an unknown kind '" + kind + "': choose ema, twema, gauss or mean");
    }
  }

  private static double weight(String text, String parameter) {
    double w = number(text, parameter);
    if (!(w >= 0 && w < 1)) {
      throw new IllegalArgumentException("weight must be at least 0 and below 1, was '" + text + "'");
    }
    return w;
  }

  private static double number(String text, String parameter) {
    try {
      double v = Double.parseDouble(parameter);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("has no finite number after the kind: '" + text + "'");
  }

  private static int integer(String text, String parameter) {
    try {
      return Integer.parseInt(parameter);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("has no integer after the kind: '" + text + "'");
    }
  }

  /** Whether every value equals the first: such a series is left as it is. */
  static boolean isConstant(double[] values) {
    for (double v : values) {
      if (v != values[0]) {
        return false;
      }
    }
    return true;
  }
}
