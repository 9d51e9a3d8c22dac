package dev.runboard.data;

/**
 * How to read tensor series and blob sequences.
 *
 * @param fromStep smallest step to include
 * @param toStep largest step to include
 * @param samples 0 for every entry in range; otherwise this many entries spread evenly over the
 *     range (by position), always including the first and the last
 */
public record StepQuery(long fromStep, long toStep, int samples) {
  public StepQuery {
    if (fromStep > toStep) {
      throw new IllegalArgumentException("fromStep (" + fromStep + ") is greater than toStep (" + toStep + ")");
    }
    if (samples < 0) {
      throw new IllegalArgumentException("samples must not be negative, was " + samples);
    }
  }

  public static StepQuery all() {
    return new StepQuery(Long.MIN_VALUE, Long.MAX_VALUE, 0);
  }

  public static StepQuery sampled(int samples) {
    return new StepQuery(Long.MIN_VALUE, Long.MAX_VALUE, samples);
  }
}
