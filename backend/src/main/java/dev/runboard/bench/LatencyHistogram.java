package dev.runboard.bench;

/**
 * Latencies in 0.1 ms buckets up to a minute (longer ones share the last bucket; the maximum is
 * kept exactly): millions of samples in constant memory, percentiles to 0.1 ms. Not thread-safe.
 */
public final class LatencyHistogram {
  private static final double BUCKET_MS = 0.1;
  private final long[] counts = new long[600_001];
  private long samples;
  private double maxMs;

  public void record(double ms) {
    int bucket = (int) Math.min(counts.length - 1, Math.max(0, Math.round(ms / BUCKET_MS)));
    counts[bucket]++;
    samples++;
    maxMs = Math.max(maxMs, ms);
  }

  /** Adds every sample of {@code other} (histograms filled on different threads, merged at the end). */
  public void add(LatencyHistogram other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    samples += other.samples;
    maxMs = Math.max(maxMs, other.maxMs);
  }

  public long samples() {
    return samples;
  }

  public double max() {
    return maxMs;
  }

  /** Nearest-rank percentile ({@code p} in (0, 1]); NaN without samples. */
  public double percentile(double p) {
    if (samples == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(p * samples));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(i * BUCKET_MS, maxMs);
      }
    }
    return maxMs;
  }
}
