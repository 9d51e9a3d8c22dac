package dev.runboard.eventlog;

import java.util.Arrays;
import java.util.Objects;

/**
 * An encoded image for a tag at a step. The bytes are kept as written (PNG, JPEG, GIF —
 * animated GIFs included), never re-encoded.
 *
 * @param mediaType {@code image/png}, {@code image/jpeg} or {@code image/gif}
 * @param width pixels, 0 when the writer did not say
 * @param height pixels, 0 when the writer did not say
 * @param channels 1 (grey), 2 (grey+alpha), 3 (RGB) or 4 (RGBA); 0 when the writer did not say
 */
public record ImageEvent(
    String tag,
    long step,
    double wallTime,
    byte[] encoded,
    String mediaType,
    int width,
    int height,
    int channels)
    implements LogEvent {
  public ImageEvent {
    Tags.require(tag);
    Objects.requireNonNull(encoded, "encoded");
    Objects.requireNonNull(mediaType, "mediaType");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageEvent e
        && tag.equals(e.tag)
        && step == e.step
        && Double.compare(wallTime, e.wallTime) == 0
        && Arrays.equals(encoded, e.encoded)
        && mediaType.equals(e.mediaType)
        && width == e.width
        && height == e.height
        && channels == e.channels;
  }

  @Override
  public int hashCode() {
    return Objects.hash(tag, step, mediaType, width, height) * 31 + Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "ImageEvent[tag=" + tag + ", step=" + step + ", " + mediaType + " " + width + "x"
        + height + "x" + channels + ", " + encoded.length + " bytes]";
  }
}
