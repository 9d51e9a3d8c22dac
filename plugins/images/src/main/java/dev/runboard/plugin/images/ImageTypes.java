package dev.runboard.plugin.images;

import java.util.Optional;

/**
 * The image formats browsers show, recognised by their magic bytes: what the bytes are, never
 * what a log says they are (a log may claim {@code image/png} for a page of HTML).
 */
final class ImageTypes {
  private ImageTypes() {}

  /** {@code image/png}, {@code image/jpeg}, {@code image/gif} or {@code image/webp}; empty otherwise. */
  static Optional<String> sniff(byte[] b) {
    if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
      return Optional.of("image/png");
    }
    if (startsWith(b, 0xff, 0xd8, 0xff)) {
      return Optional.of("image/jpeg");
    }
    if (startsWith(b, 'G', 'I', 'F', '8', '7', 'a') || startsWith(b, 'G', 'I', 'F', '8', '9', 'a')) {
      return Optional.of("image/gif");
    }
    if (b.length >= 12 && startsWith(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
        && b[11] == 'P') {
      return Optional.of("image/webp");
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] b, int... magic) {
    if (b.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
