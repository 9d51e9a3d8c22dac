package dev.runboard.index;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Blob keys: URL-safe, opaque to clients, and only ever looked up in the index (run, tag, the
 * series' generation and the blob's position), never turned into a path. A key of a series that
 * was rebuilt since no longer resolves.
 */
final class BlobKeys {
  private static final char SEPARATOR = '\u0000';

  record Key(String run, String tag, long generation, int index) {}

  private BlobKeys() {}

  static String encode(String run, String tag, long generation, int index) {
    String plain = run + SEPARATOR + tag + SEPARATOR + generation + SEPARATOR + index;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static Optional<Key> decode(String key) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(key), StandardCharsets.UTF_8);
      int c = plain.lastIndexOf(SEPARATOR);
      int b = plain.lastIndexOf(SEPARATOR, c - 1);
      int a = plain.lastIndexOf(SEPARATOR, b - 1);
      if (a < 0 || plain.indexOf(SEPARATOR) != a) {
        return Optional.empty();
      }
      return Optional.of(new Key(
          plain.substring(0, a),
          plain.substring(a + 1, b),
          Long.parseLong(plain.substring(b + 1, c)),
          Integer.parseInt(plain.substring(c + 1))));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }
}
