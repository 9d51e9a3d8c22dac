package dev.runboard.stream;

import jakarta.servlet.AsyncContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The fan-out behind {@code GET /api/v1/stream}: takes events already serialised as JSON, frames
 * each once, and queues the same bytes to every connected client whose filter matches. It knows
 * nothing of the index; a publisher ({@link IndexStreamPublisher}) feeds it.
 *
 * <p>Frame ids count up by one from the server's start time in microseconds, so an id handed out
 * by an earlier server process is never mistaken for one of this process (its frames are gone: the
 * client gets a resync). Recent frames stay in a {@link ReplayRing} for {@code Last-Event-ID}
 * resumes. Threads: {@code runboard.stream.writer-threads} writers and one heartbeat thread,
 * however many clients there are.
 *
 * <p>A lifecycle bean so that streams end before the web server shuts down gracefully: an open
 * stream would otherwise hold the shutdown for its whole timeout.
 */
@Component
public class StreamHub implements SmartLifecycle, DisposableBean {
  static final byte[] CONNECTED = StreamFrame.comment("connected");
  static final byte[] HEARTBEAT = StreamFrame.comment("heartbeat");

  private final StreamProperties properties;
  private final ExecutorService writers;
  private final ScheduledExecutorService heartbeats;
  private final List<Consumer<StreamFrame>> taps = new CopyOnWriteArrayList<>();
  private final List<Runnable> firstClientActions = new ArrayList<>();

  // Guarded by this: publishing, connecting and closing are ordered, so each client sees frames
  // in id order with nothing missing or doubled between its replay and its live frames.
  private final Set<StreamClient> clients = new LinkedHashSet<>();
  private final ReplayRing ring;
  private boolean running;
  private ScheduledFuture<?> heartbeat;

  private volatile boolean watched;

  public StreamHub(StreamProperties properties) {
    this.properties = properties;
    this.ring =
        new ReplayRing(properties.replayBytes().toBytes(), System.currentTimeMillis() * 1000);
    AtomicInteger count = new AtomicInteger();
    this.writers =
        Executors.newFixedThreadPool(
            properties.writerThreads(),
            r -> daemon(r, "runboard-stream-writer-" + count.incrementAndGet()));
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "runboard-stream-heartbeat"));
  }

  /**
   * Frames {@code json} (compact JSON: no line breaks) as event {@code event} about {@code run} and
   * {@code tag} ({@code null} for an event about the run itself) and queues it to every matching
   * client.
   *
   * @return the frame's id, or -1 when the hub is not running (the frame is dropped)
   * @throws IllegalArgumentException when {@code json} holds a line break
   */
  public long publish(String event, String run, String tag, byte[] json) {
    long now = System.nanoTime();
    synchronized (this) {
      if (!running) {
        return -1;
      }
      long id = ring.lastId() + 1;
      StreamFrame frame = new StreamFrame(id, event, run, tag, StreamFrame.encode(id, event, json), now);
      ring.add(frame);
      StreamFrame.Topic topic = frame.topic();
      for (StreamClient client : clients) {
        if (client.filter().matches(topic)) {
          client.offer(frame.bytes(), id);
        }
      }
      for (Consumer<StreamFrame> tap : taps) {
        tap.accept(frame);
      }
      return id;
    }
  }

  /**
   * Whether any client ever connected since the server started. Until one does, no one can resume
   * from a frame, so a publisher may skip serialising what it would publish (the initial indexing
   * of a large logdir, say).
   */
  public boolean isWatched() {
    return watched;
  }

  /**
   * Runs {@code action} once, when the first client connects (at once if one already did): a
   * publisher subscribes to its source only then, so an unwatched server prepares no frames.
   */
  public void onFirstClient(Runnable action) {
    boolean now;
    synchronized (this) {
      now = watched;
      if (!now) {
        firstClientActions.add(action);
      }
    }
    if (now) {
      action.run();
    }
  }

  /**
   * Calls {@code tap} with every frame published from now on, on the publishing thread, in id
   * order (for measurements: {@link StreamFrame#publishedNanos()}), until {@link #untap}. It must
   * return quickly.
   */
  public void tap(Consumer<StreamFrame> tap) {
    taps.add(tap);
  }

  public void untap(Consumer<StreamFrame> tap) {
    taps.remove(tap);
  }

  /**
   * Takes over a request already switched to async mode: queues a greeting comment, then the frames
   * after {@code lastEventId} (or a resync when they are gone), then live frames.
   *
   * @throws IllegalStateException when the hub is not running (the request is left untouched)
   */
  void connect(AsyncContext async, StreamFilter filter, OptionalLong lastEventId) throws IOException {
    StreamClient client =
        new StreamClient(async, filter, properties.clientBuffer().toBytes(), writers, this::remove);
    synchronized (this) {
      if (!running) {
        throw new IllegalStateException("the server is shutting down");
      }
      if (!watched) {
        watched = true;
        firstClientActions.forEach(Runnable::run);
        firstClientActions.clear();
      }
      client.offer(CONNECTED, -1);
      if (lastEventId.isPresent()) {
        Optional<List<StreamFrame>> missed = ring.after(lastEventId.getAsLong());
        if (missed.isPresent()) {
          for (StreamFrame frame : missed.get()) {
            if (filter.matches(frame.topic())) {
              client.offer(frame.bytes(), frame.id());
            }
          }
        } else {
          client.offerResync(ring.lastId(), "last-event-id-unavailable");
        }
      }
      clients.add(client);
    }
    try {
      client.start();
    } catch (RuntimeException e) {
      remove(client);
      throw e;
    }
  }

  private synchronized void remove(StreamClient client) {
    clients.remove(client);
  }

  /** Connected clients. */
  public synchronized int clientCount() {
    return clients.size();
  }

  private void sendHeartbeats() {
    synchronized (this) {
      for (StreamClient client : clients) {
        client.offerHeartbeat(HEARTBEAT);
      }
    }
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    long period = properties.heartbeat().toNanos();
    heartbeat = heartbeats.scheduleAtFixedRate(this::sendHeartbeats, period, period, TimeUnit.NANOSECONDS);
  }

  /** Ends every open stream; runs before the web server's graceful shutdown (a lower phase). */
  @Override
  public void stop() {
    List<StreamClient> open;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      heartbeat.cancel(false);
      open = new ArrayList<>(clients);
      clients.clear();
    }
    open.forEach(StreamClient::close);
  }

  @Override
  public synchronized boolean isRunning() {
    return running;
  }

  @Override
  public void destroy() {
    stop();
    heartbeats.shutdownNow();
    writers.shutdownNow();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
