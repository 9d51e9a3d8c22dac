package dev.runboard.index;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of heap indexed data may hold ({@code runboard.index.max-bytes}), and how many it
 * holds.
 * Going over is allowed for a moment (an append is never refused); the index then evicts the
 * least recently read series down to {@link #LOW_WATER} of the budget.
 */
final class MemoryBudget {
  static final double LOW_WATER = 0.8;

  private final long limit;
  private final AtomicLong used = new AtomicLong();

  MemoryBudget(long limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("the memory budget must be positive, was " + limit);
    }
    this.limit = limit;
  }

  /** A fraction of the JVM's maximum heap: the default budget. */
  static long defaultLimit(double fraction) {
    return (long) (Runtime.getRuntime().maxMemory() * fraction);
  }

  void add(long bytes) {
    used.addAndGet(bytes);
  }

  long used() {
    return used.get();
  }

  long limit() {
    return limit;
  }

  boolean over() {
    return used.get() > limit;
  }

  /** How many bytes eviction should free to get down to the low-water mark. */
  long excess() {
    return used.get() - (long) (limit * LOW_WATER);
  }
}
