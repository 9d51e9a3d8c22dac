package dev.runboard.stream;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One connection to the stream: a queue of frames, bounded by bytes, written with the servlet
 * container's non-blocking output ({@link WriteListener}), so that a client that stops reading
 * holds at most its queue and no thread.
 *
 * <p>A client whose queue would exceed the bound is behind: its queue is dropped and replaced by
 * one {@code event: resync}, and the frames published after it queue up again behind the resync,
 * so the client hears that it missed data, and then gets the new data, once it reads on.
 *
 * <p>Writing: exactly one party holds the writer role ({@code writing}): the container, which
 * calls {@link #onWritePossible()} first and after every {@code isReady() == false}, or a writer
 * thread that {@link #offer} woke for an idle client. Output calls hold {@code io}, and completing
 * sets {@code completed} under it first, so nothing is written to a response once it is completed
 * (Tomcat recycles response objects).
 */
final class StreamClient implements WriteListener, AsyncListener {
  private final AsyncContext async;
  private final ServletOutputStream out;
  private final StreamFilter filter;
  private final long bufferBytes;
  private final Executor writers;
  private final Consumer<StreamClient> onClosed;

  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private long queuedBytes;
  /** Someone will write what is queued: see the class comment. Starts with the container. */
  private boolean writing = true;
  private boolean closed;
  /**
   * Bytes were written since the last flush; touched only by the writer role's holder. Volatile:
   * the container may call onWritePossible before the previous holder has left drain().
   */
  private volatile boolean flushNeeded;

  private final ReentrantLock io = new ReentrantLock();
  /** Set under io by this class; set without it when the container reports the request over. */
  private volatile boolean completed;

  StreamClient(
      AsyncContext async,
      StreamFilter filter,
      long bufferBytes,
      Executor writers,
      Consumer<StreamClient> onClosed)
      throws IOException {
    this.async = async;
    this.out = async.getResponse().getOutputStream();
    this.filter = filter;
    this.bufferBytes = bufferBytes;
    this.writers = writers;
    this.onClosed = onClosed;
  }

  /** Hands the connection to the container's non-blocking I/O; call once, after the first offers. */
  void start() {
    async.addListener(this);
    out.setWriteListener(this);
  }

  StreamFilter filter() {
    return filter;
  }

  /** Queues a frame, or, when the client is too far behind, replaces its queue with a resync. */
  void offer(byte[] frame, long id) {
    boolean wake;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (queuedBytes > 0 && queuedBytes + frame.length > bufferBytes) {
        // A frame larger than the whole buffer still goes to a client that has caught up.
        queue.clear();
        queuedBytes = 0;
        enqueue(StreamFrame.resync(id, "client-behind"));
      } else {
        enqueue(frame);
      }
      wake = !writing;
      writing = true;
    }
    if (wake) {
      wake();
    }
  }

  /** Queues a resync after whatever is queued (used when a resume cannot be served). */
  void offerResync(long lastId, String reason) {
    offer(StreamFrame.resync(lastId, reason), lastId);
  }

  /** Queues a heartbeat comment unless frames are already waiting (they keep the line busy). */
  void offerHeartbeat(byte[] comment) {
    synchronized (this) {
      if (!queue.isEmpty()) {
        return;
      }
    }
    offer(comment, -1);
  }

  private void enqueue(byte[] frame) {
    queue.addLast(frame);
    queuedBytes += frame.length;
  }

  private void wake() {
    try {
      writers.execute(this::drain);
    } catch (RejectedExecutionException shuttingDown) {
      close();
    }
  }

  @Override
  public void onWritePossible() {
    drain();
  }

  /** Writes queued frames until the queue is empty or the socket is full. */
  private void drain() {
    boolean closeLater = false;
    while (true) {
      byte[] next;
      synchronized (this) {
        if (closed) {
          return; // close() completes the stream
        }
        next = queue.pollFirst();
        if (next != null) {
          queuedBytes -= next.length;
        } else if (!flushNeeded) {
          writing = false;
          return;
        }
      }
      boolean ready;
      io.lock();
      try {
        if (completed) {
          return;
        }
        if (next != null) {
          out.write(next);
          flushNeeded = true;
        } else {
          flushNeeded = false;
          out.flush();
        }
        ready = out.isReady();
      } catch (IOException | RuntimeException gone) {
        // The peer went away (or the response was ended under us): nothing more to write.
        ready = false;
        closeLater = true;
      } finally {
        io.unlock();
      }
      if (closeLater) {
        close();
        return;
      }
      if (!ready) {
        return; // the container calls onWritePossible once the socket drains
      }
    }
  }

  /** Ends the stream (server shutdown, I/O error, client gone); idempotent. */
  void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.clear();
      queuedBytes = 0;
    }
    onClosed.accept(this);
    complete();
  }

  /**
   * Completes the response, once. {@code completed} is set under io, so a write in progress ends
   * first and none starts after; the container is called outside io, so that no lock of ours is
   * held while it takes its own.
   */
  private void complete() {
    boolean locked = lockIo();
    boolean first;
    try {
      first = !completed;
      completed = true;
    } finally {
      if (locked) {
        io.unlock();
      }
    }
    if (first) {
      try {
        async.complete();
      } catch (IllegalStateException alreadyOver) {
        // The container ended the request first (the peer is gone).
      }
    }
  }

  /**
   * Takes io, waiting at most a second: a writer holds it only for a non-blocking call, and a
   * container thread should not wait on a writer without bound.
   */
  private boolean lockIo() {
    try {
      return io.tryLock(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void onError(Throwable t) {
    close();
  }

  @Override
  public void onComplete(AsyncEvent event) {
    completed = true; // the container ended it: a write racing with this fails, and is dropped
    close();
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    close();
  }

  @Override
  public void onError(AsyncEvent event) {
    close();
    // Complete on the container's thread too, even if a writer already did: a complete() from
    // another thread while the container handles the error does not stop its error dispatch (to
    // /error, which cannot write to an event stream).
    try {
      async.complete();
    } catch (IllegalStateException alreadyOver) {
      // Completed before the error: nothing to do.
    }
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // Not restarted: nothing to do.
  }
}
