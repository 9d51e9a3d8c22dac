package dev.runboard.scalars.smoothing;

/**
 * Convolution of two real signals with one symmetric real kernel by FFT, in blocks (overlap-add),
 * so that memory stays proportional to the kernel, not to the signal. Both signals travel in one
 * complex transform: the first as the real part, the second as the imaginary part.
 */
final class Convolution {
  private Convolution() {}

  /**
   * {@code a * kernel} and {@code b * kernel}, each cut to the signals' length with the kernel
   * centred (output i sums inputs {@code i - r .. i + r}, r = kernel.length / 2).
   */
  static double[][] sameSize(double[] a, double[] b, double[] kernel) {
    int n = a.length;
    int k = kernel.length;
    int r = k / 2;
    int size = Integer.highestOneBit(Math.max(4 * k, 1024) - 1) << 1;
    int block = size - k + 1;
    double[] kernelRe = new double[size];
    double[] kernelIm = new double[size];
    System.arraycopy(kernel, 0, kernelRe, 0, k);
    fft(kernelRe, kernelIm, false);
    double[] outA = new double[n];
    double[] outB = new double[n];
    double[] re = new double[size];
    double[] im = new double[size];
    for (int start = 0; start < n; start += block) {
      int len = Math.min(block, n - start);
      java.util.Arrays.fill(re, 0);
      java.util.Arrays.fill(im, 0);
      System.arraycopy(a, start, re, 0, len);
      System.arraycopy(b, start, im, 0, len);
      fft(re, im, false);
      for (int i = 0; i < size; i++) {
        // The kernel's transform is that of a real signal; multiplying by it convolves both parts.
        double pr = re[i] * kernelRe[i] - im[i] * kernelIm[i];
        double pi = re[i] * kernelIm[i] + im[i] * kernelRe[i];
        re[i] = pr;
        im[i] = pi;
      }
      fft(re, im, true);
      // Full convolution index j = start + i holds sum over inputs of kernel offset; centred
      // output o = j - r.
      int produced = len + k - 1;
      for (int i = 0; i < produced; i++) {
        int o = start + i - r;
        if (o >= 0 && o < n) {
          outA[o] += re[i];
          outB[o] += im[i];
        }
      }
    }
    return new double[][] {outA, outB};
  }

  /** In-place iterative radix-2 FFT; the inverse is scaled by 1/size. */
  static void fft(double[] re, double[] im, boolean inverse) {
    int n = re.length;
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      double angle = 2 * Math.PI / len * (inverse ? 1 : -1);
      double wr = Math.cos(angle);
      double wi = Math.sin(angle);
      for (int i = 0; i < n; i += len) {
        double cr = 1;
        double ci = 0;
        for (int j = 0; j < len / 2; j++) {
          int p = i + j;
          int q = p + len / 2;
          double tr = re[q] * cr - im[q] * ci;
          double ti = re[q] * ci + im[q] * cr;
          re[q] = re[p] - tr;
          im[q] = im[p] - ti;
          re[p] += tr;
          im[p] += ti;
          double nr = cr * wr - ci * wi;
          ci = cr * wi + ci * wr;
          cr = nr;
        }
      }
    }
    if (inverse) {
      for (int i = 0; i < n; i++) {
        re[i] /= n;
        im[i] /= n;
      }
    }
  }
}
