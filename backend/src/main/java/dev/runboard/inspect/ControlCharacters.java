package dev.runboard.inspect;

/**
 * Makes names from log files safe to print on a terminal: control characters (a tag could carry
 * escape sequences that rewrite the screen), line separators and bidirectional overrides become
 * {@code \\uXXXX}.
 */
public final class ControlCharacters {
  private ControlCharacters() {}

  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean unsafe = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
          || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
      if (unsafe && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (unsafe) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }
}
