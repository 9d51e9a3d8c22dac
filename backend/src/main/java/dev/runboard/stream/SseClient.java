package dev.runboard.stream;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * One subscriber of the event stream. Events are queued and sent in order on a pooled thread, so
 * that the indexing thread never waits on a network write and a stalled client only stalls
 * itself. A client that falls too far behind is disconnected; it can reconnect and re-read the
 * full series from the REST API.
 */
final class SseClient {
  static final int MAX_QUEUED_EVENTS = 10_000;

  private final SseEmitter emitter;
  private final Executor sender;
  private final Consumer<SseClient> onClose;
  private final ArrayDeque<SseEventBuilder> queue = new ArrayDeque<>();
  private boolean draining;
  private boolean closed;

  SseClient(SseEmitter emitter, Executor sender, Consumer<SseClient> onClose) {
    this.emitter = emitter;
    this.sender = sender;
    this.onClose = onClose;
  }

  void offer(SseEventBuilder event) {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (queue.size() >= MAX_QUEUED_EVENTS) {
        queue.clear();
        closed = true;
      } else {
        queue.add(event);
        if (draining) {
          return;
        }
        draining = true;
      }
    }
    if (closed) {
      emitter.completeWithError(new IOException("client fell behind by " + MAX_QUEUED_EVENTS + " events"));
      onClose.accept(this);
      return;
    }
    sender.execute(this::drain);
  }

  private void drain() {
    while (true) {
      SseEventBuilder next;
      synchronized (this) {
        next = queue.poll();
        if (next == null || closed) {
          draining = false;
          return;
        }
      }
      try {
        emitter.send(next);
      } catch (IOException | IllegalStateException gone) {
        close();
        return;
      }
    }
  }

  void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.clear();
    }
    emitter.complete();
    onClose.accept(this);
  }
}
