package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;

/** Small parallel loops shared by several ops' forward and backward rules. */
final class Elementwise {
  private Elementwise() {}

  /** {@code target += source}. */
  static void addInto(Backend backend, float[] source, float[] target) {
    backend.parallelFor(source.length, 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        target[i] += source[i];
      }
    });
  }
}
