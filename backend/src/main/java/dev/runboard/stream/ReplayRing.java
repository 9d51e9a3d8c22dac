package dev.runboard.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The most recent frames, bounded by their total size, for clients that reconnect with {@code
 * Last-Event-ID}. Frames are added in id order with no gaps, so the ring covers every id from its
 * oldest frame on. The newest frame is always kept, even when it alone exceeds the bound. Not
 * thread-safe: the hub uses it under its lock.
 */
final class ReplayRing {
  private final long maxBytes;
  private final ArrayDeque<StreamFrame> frames = new ArrayDeque<>();
  private long bytes;
  /** The id of the last frame added, or the stream's starting point while there is none. */
  private long lastId;

  ReplayRing(long maxBytes, long startId) {
    this.maxBytes = maxBytes;
    this.lastId = startId;
  }

  void add(StreamFrame frame) {
    if (frame.id() != lastId + 1) {
      throw new IllegalArgumentException("frame " + frame.id() + " does not follow " + lastId);
    }
    frames.addLast(frame);
    bytes += frame.bytes().length;
    lastId = frame.id();
    while (bytes > maxBytes && frames.size() > 1) {
      bytes -= frames.removeFirst().bytes().length;
    }
  }

  long lastId() {
    return lastId;
  }

  /**
   * Every retained frame after {@code id}, oldest first; empty when frames after {@code id} are no
   * longer (or never were) retained: {@code id} is older than the ring, or it was never handed out
   * by this stream (a larger id: from a previous server process).
   */
  Optional<List<StreamFrame>> after(long id) {
    long oldest = frames.isEmpty() ? lastId + 1 : frames.peekFirst().id();
    if (id < oldest - 1 || id > lastId) {
      return Optional.empty();
    }
    List<StreamFrame> missed = new ArrayList<>((int) (lastId - id));
    // Resumes are usually recent: walk back from the newest frame.
    for (Iterator<StreamFrame> it = frames.descendingIterator(); it.hasNext(); ) {
      StreamFrame frame = it.next();
      if (frame.id() <= id) {
        break;
      }
      missed.add(frame);
    }
    Collections.reverse(missed);
    return Optional.of(missed);
  }

  int size() {
    return frames.size();
  }

  long bytes() {
    return bytes;
  }
}
