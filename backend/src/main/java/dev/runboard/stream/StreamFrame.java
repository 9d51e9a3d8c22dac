package dev.runboard.stream;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One event of the stream, serialised once and written as the same bytes to every client it
 * matches: {@code id:}, {@code event:} and one {@code data:} line, then a blank line.
 *
 * @param id the position in the stream (sent as the SSE {@code id:}); increases by one per frame
 * @param event the SSE event name ({@code run}, {@code scalars}, ...)
 * @param run the run the frame is about
 * @param tag the tag it is about, or {@code null} for a frame about the run itself (a new run)
 * @param bytes the whole frame in UTF-8; shared between clients: never modify
 * @param publishedNanos {@link System#nanoTime()} when the hub accepted the frame
 */
public record StreamFrame(
    long id, String event, String run, String tag, byte[] bytes, long publishedNanos) {
  public StreamFrame {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(bytes, "bytes");
  }

  /** What filters match on: the run and tag of a frame. */
  record Topic(String run, String tag) {}

  Topic topic() {
    return new Topic(run, tag);
  }

  /**
   * The wire form of an event whose data is {@code json}, which must hold no line break: SSE would
   * read a raw newline as the end of the {@code data:} field (JSON escapes them inside strings, so
   * compact JSON never needs one).
   */
  static byte[] encode(long id, String event, byte[] json) {
    if (event.isEmpty() || event.indexOf('\n') >= 0 || event.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("invalid event name '" + event + "'");
    }
    for (int i = 0; i < json.length; i++) {
      // UTF-8 multi-byte sequences never contain bytes below 0x80, so a byte scan is exact.
      if (json[i] == '\n' || json[i] == '\r') {
        throw new IllegalArgumentException(
            "event '" + event + "': data holds a line break at byte " + i + "; serialise it as compact JSON");
      }
    }
    byte[] head = ("id: " + id + "\nevent: " + event + "\ndata: ").getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[head.length + json.length + 2];
    System.arraycopy(head, 0, frame, 0, head.length);
    System.arraycopy(json, 0, frame, head.length, json.length);
    frame[frame.length - 2] = '\n';
    frame[frame.length - 1] = '\n';
    return frame;
  }

  /**
   * {@code event: resync}: the client must re-read what it shows over the REST API, because frames
   * up to {@code lastId} were not (or will not be) delivered to it; frames after it follow.
   */
  static byte[] resync(long lastId, String reason) {
    String json = "{\"reason\":\"" + reason + "\",\"last_id\":" + lastId + "}";
    return encode(lastId, "resync", json.getBytes(StandardCharsets.UTF_8));
  }

  /** An SSE comment ({@code : text}): ignored by clients, keeps the connection busy. */
  static byte[] comment(String text) {
    return (": " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
  }
}
