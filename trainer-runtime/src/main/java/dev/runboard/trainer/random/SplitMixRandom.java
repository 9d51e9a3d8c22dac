package dev.runboard.trainer.random;

/**
 * The SplitMix64 generator of Steele, Lea and Flood ("Fast splittable pseudorandom number
 * generators", OOPSLA 2014), drawing exactly the values {@link java.util.SplittableRandom} draws
 * for the same seed, but with a state that can be read and restored: what an exact resume of
 * training needs (the shuffling and dropout streams continue where the checkpoint left them).
 * {@code SplittableRandom} keeps its state private.
 *
 * <p>Not thread-safe; {@link #split()} gives another thread (or another purpose) its own stream.
 */
public final class SplitMixRandom {
  /** The odd constant that seeds every unsplit generator's increment (2^64 / golden ratio). */
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private static final double DOUBLE_UNIT = 0x1.0p-53;

  private long seed;
  private final long gamma;

  /**
   * Where a generator is in its stream.
   *
   * @param seed  the current counter value
   * @param gamma the (odd) increment of this stream
   */
  public record State(long seed, long gamma) {
    public State {
      if ((gamma & 1) == 0) {
        throw new IllegalArgumentException("a SplitMix gamma is odd, got " + Long.toHexString(gamma));
      }
    }
  }

  public SplitMixRandom(long seed) {
    this(seed, GOLDEN_GAMMA);
  }

  private SplitMixRandom(long seed, long gamma) {
    this.seed = seed;
    this.gamma = gamma;
  }

  /** A generator that continues exactly where the one that gave {@code state} was. */
  public static SplitMixRandom restore(State state) {
    return new SplitMixRandom(state.seed(), state.gamma());
  }

  public State state() {
    return new State(seed, gamma);
  }

  /** A new, statistically independent generator; advances this one. */
  public SplitMixRandom split() {
    return new SplitMixRandom(nextLong(), mixGamma(nextSeed()));
  }

  public long nextLong() {
    return mix64(nextSeed());
  }

  public int nextInt() {
    return mix32(nextSeed());
  }

  /** Uniform in {@code [0, bound)}, without modulo bias (rejecting over-represented draws). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, was " + bound);
    }
    int r = nextInt();
    int m = bound - 1;
    if ((bound & m) == 0) {
      return r & m; // a power of two: the low bits are uniform
    }
    // Draw 31-bit values until one falls below the largest multiple of bound; the overflow test
    // u + m - r < 0 detects the draws from the last, incomplete multiple.
    int u = r >>> 1;
    while (u + m - (r = u % bound) < 0) {
      u = nextInt() >>> 1;
    }
    return r;
  }

  /** Uniform in {@code [0, 1)}, on the 2^-53 grid. */
  public double nextDouble() {
    return (nextLong() >>> 11) * DOUBLE_UNIT;
  }

  private long nextSeed() {
    return seed += gamma;
  }

  /** Stafford's "Mix13" variant of MurmurHash3's 64-bit finaliser. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Stafford's "Mix04", upper 32 bits. */
  private static int mix32(long z) {
    z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
    return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
  }

  /** An odd increment with enough bit transitions (MurmurHash3's finaliser, then fixed up). */
  private static long mixGamma(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    z = (z ^ (z >>> 33)) | 1L;
    int transitions = Long.bitCount(z ^ (z >>> 1));
    return transitions < 24 ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
  }
}
