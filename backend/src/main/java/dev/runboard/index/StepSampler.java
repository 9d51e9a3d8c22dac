package dev.runboard.index;

/**
 * Picks {@code k} of {@code n} entries spread evenly by position, always the first and the last:
 * the downsampling for tensor series and blob sequences (a histogram or image per sampled step),
 * deterministic where TensorBoard's reservoir is random.
 */
final class StepSampler {
  private StepSampler() {}

  /** Positions in {@code [0, n)}, increasing, without duplicates; all of them when k is 0 or ≥ n. */
  static int[] sample(int n, int k) {
    if (k <= 0 || k >= n) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    if (k == 1) {
      return new int[] {n - 1};
    }
    int[] picked = new int[k];
    for (int j = 0; j < k; j++) {
      picked[j] = (int) Math.round((double) j * (n - 1) / (k - 1));
    }
    return picked;
  }
}
