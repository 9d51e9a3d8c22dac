package dev.runboard.trainer.layers;

/** Parsing of Keras's {@code padding='valid'|'same'} and of {@code "3x3"} size pairs. */
final class Padding {
  private Padding() {}

  static boolean isSame(String padding) {
    if ("same".equals(padding)) {
      return true;
    }
    if ("valid".equals(padding)) {
      return false;
    }
    throw new IllegalArgumentException("padding must be 'valid' or 'same', was '" + padding + "'");
  }

  static int[] pair(String text) {
    String[] parts = text.split("x");
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected a size like 3x3, got '" + text + "'");
    }
    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
  }
}
