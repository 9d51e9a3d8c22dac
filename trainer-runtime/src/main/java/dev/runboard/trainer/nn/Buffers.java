package dev.runboard.trainer.nn;

/** Grow-only scratch arrays: reallocated only when a larger batch than ever before comes along. */
final class Buffers {
  private Buffers() {}

  static float[] atLeast(float[] buffer, int size) {
    return buffer.length >= size ? buffer : new float[size];
  }
}
