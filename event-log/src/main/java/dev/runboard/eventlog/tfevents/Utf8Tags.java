package dev.runboard.eventlog.tfevents;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Tags (and other names) from tfevents files as text. Valid UTF-8 is decoded as is. Bytes that
 * are not valid UTF-8 are not replaced by U+FFFD, which would merge two different tags into one
 * series: the name is escaped instead, {@code \} as {@code \\} and each invalid byte as {@code
 * \xNN} (two lowercase hex digits), so that different bytes always give different names.
 */
final class Utf8Tags {
  private Utf8Tags() {}

  static String decode(ByteString bytes) {
    return bytes.isValidUtf8() ? bytes.toStringUtf8() : escape(bytes.toByteArray());
  }

  static String decode(byte[] bytes) {
    return decode(com.google.protobuf.UnsafeByteOperations.unsafeWrap(bytes));
  }

  private static String escape(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    StringBuilder text = new StringBuilder(bytes.length + 8);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      out.flip();
      while (out.hasRemaining()) {
        char c = out.get();
        text.append(c == '\\' ? "\\\\" : String.valueOf(c));
      }
      out.clear();
      if (result.isError()) {
        for (int i = 0; i < result.length(); i++) {
          text.append(String.format("\\x%02x", in.get() & 0xff));
        }
      } else if (result.isUnderflow()) {
        return text.toString();
      }
    }
  }
}
