package dev.runboard.scalars.smoothing;

import java.util.Locale;

/**
 * Gaussian kernel smoothing over neighbouring points: each finite point shows the weighted mean
 * of the finite values within 3σ points of it (in logged order), weighted by {@code exp(-k²/2σ²)}
 * for a point k positions away; near the ends and around non-finite values the weights are
 * renormalised over the points that exist. Unlike the EMA it looks ahead as well as back.
 *
 * <p>Computed directly for small kernels and by FFT convolution (overlap-add, in blocks) for wide
 * ones, so that a wide kernel over millions of points costs O(n log σ), not O(n σ).
 *
 * @param sigma σ in points, above 0 and at most {@link #MAX_SIGMA}
 */
public record GaussianSmoothing(double sigma) implements Smoothing {
  public static final double MAX_SIGMA = 10_000;
  /** Above this many kernel terms, FFT convolution is faster than the direct sum. */
  private static final long DIRECT_LIMIT = 20_000_000;

  public GaussianSmoothing {
    if (!(sigma > 0 && sigma <= MAX_SIGMA)) {
      throw new IllegalArgumentException("σ must be above 0 and at most " + (int) MAX_SIGMA + " points, was " + sigma);
    }
  }

  /** Kernel half-width in points. */
  int radius() {
    return (int) Math.ceil(3 * sigma);
  }

  /** The kernel's weights for offsets {@code -radius..radius}. */
  double[] kernel() {
    int r = radius();
    double[] k = new double[2 * r + 1];
    for (int i = -r; i <= r; i++) {
      k[i + r] = Math.exp(-(double) i * i / (2 * sigma * sigma));
    }
    return k;
  }

  @Override
  public double[] apply(double[] x, double[] values) {
    double[] out = values.clone();
    int n = values.length;
    if (n == 0 || Smoothing.isConstant(values)) {
      return out;
    }
    double[] masked = new double[n];
    double[] mask = new double[n];
    for (int i = 0; i < n; i++) {
      if (Double.isFinite(values[i])) {
        masked[i] = values[i];
        mask[i] = 1;
      }
    }
    double[] kernel = kernel();
    double[][] sums = (long) n * kernel.length <= DIRECT_LIMIT
        ? direct(masked, mask, kernel) : Convolution.sameSize(masked, mask, kernel);
    for (int i = 0; i < n; i++) {
      if (mask[i] == 1) {
        out[i] = sums[0][i] / sums[1][i];
      }
    }
    return out;
  }

  private static double[][] direct(double[] masked, double[] mask, double[] kernel) {
    int n = masked.length;
    int r = kernel.length / 2;
    double[] num = new double[n];
    double[] den = new double[n];
    for (int i = 0; i < n; i++) {
      if (mask[i] == 0) {
        continue;
      }
      double a = 0;
      double b = 0;
      int lo = Math.max(0, i - r);
      int hi = Math.min(n - 1, i + r);
      for (int j = lo; j <= hi; j++) {
        double w = kernel[j - i + r];
        a += w * masked[j];
        b += w * mask[j];
      }
      num[i] = a;
      den[i] = b;
    }
    return new double[][] {num, den};
  }

  @Override
  public String text() {
    return String.format(Locale.ROOT, "gauss:%s", sigma);
  }
}
