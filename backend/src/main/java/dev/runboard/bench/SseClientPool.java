package dev.runboard.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many Server-Sent-Event clients on one thread: plain HTTP/1.1 over non-blocking sockets and a
 * selector, each connection decoded by its own {@link SseResponseDecoder}. A thousand clients cost
 * one thread here, so a benchmark that runs them next to the server measures the server's threads,
 * not its own. Connections are opened {@link #CONNECT_BATCH} at a time: the server's accept queue
 * is short, and every request in flight at once takes a thread of the server's request pool, which
 * then stays for a while (Tomcat keeps idle threads 60 s), so a burst would show in the thread count
 * as if streams held threads.
 */
public final class SseClientPool implements AutoCloseable {
  /** Receives every event of every client, on the pool's thread; must be quick. */
  @FunctionalInterface
  public interface Listener {
    void onEvent(int client, SseResponseDecoder.Event event);
  }

  /** Connections being set up at once (64 at once left Tomcat's request pool 57 threads larger). */
  static final int CONNECT_BATCH = 16;
  public static final String THREAD_NAME = "runboard-bench-sse-clients";

  private final InetSocketAddress server;
  private final byte[] request;
  private final Listener listener;
  private final int clients;
  private final Selector selector;
  private final Thread thread;
  private final AtomicInteger connected = new AtomicInteger();
  private final AtomicInteger lost = new AtomicInteger();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();
  private volatile boolean closing;
  private int opened;

  private final class Connection {
    final int index;
    final SocketChannel channel;
    final ByteBuffer pendingRequest = ByteBuffer.wrap(request);
    final SseResponseDecoder decoder;
    boolean greeted;

    Connection(int index, SocketChannel channel) {
      this.index = index;
      this.channel = channel;
      this.decoder = new SseResponseDecoder(this::onEvent);
    }

    void onEvent(SseResponseDecoder.Event event) {
      if (!greeted) {
        greeted = true;
        connected.incrementAndGet();
      }
      listener.onEvent(index, event);
    }
  }

  private SseClientPool(InetSocketAddress server, String target, int clients, Listener listener)
      throws IOException {
    this.server = server;
    this.clients = clients;
    this.listener = listener;
    this.request =
        ("GET " + target + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                + "\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    this.selector = Selector.open();
    this.thread = new Thread(this::loop, THREAD_NAME);
    thread.setDaemon(true);
  }

  /**
   * Starts connecting {@code clients} clients to {@code target} (path and query) on {@code server};
   * see {@link #awaitConnected}.
   */
  public static SseClientPool open(InetSocketAddress server, String target, int clients, Listener listener)
      throws IOException {
    SseClientPool pool = new SseClientPool(server, target, clients, listener);
    pool.thread.start();
    return pool;
  }

  /** Waits until every client has received its first event (the server's greeting). */
  public void awaitConnected(Duration timeout) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (connected.get() < clients) {
      if (firstFailure.get() != null) {
        throw new IllegalStateException("a client failed: " + firstFailure.get());
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(connected.get() + " of " + clients + " clients connected within " + timeout);
      }
      Thread.sleep(10);
    }
  }

  /** Connections that failed or that the server closed. */
  public int lost() {
    return lost.get();
  }

  /** What went wrong first, if anything. */
  public String firstFailure() {
    return firstFailure.get();
  }

  private void loop() {
    ByteBuffer buffer = ByteBuffer.allocate(1 << 18); // heap: the decoder scans its array
    try {
      while (!closing) {
        openMore();
        selector.select(100);
        for (SelectionKey key : selector.selectedKeys()) {
          Connection connection = (Connection) key.attachment();
          try {
            if (key.isConnectable() && connection.channel.finishConnect()) {
              key.interestOps(SelectionKey.OP_WRITE);
            }
            if (key.isValid() && key.isWritable()) {
              connection.channel.write(connection.pendingRequest);
              if (!connection.pendingRequest.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ);
              }
            }
            if (key.isValid() && key.isReadable()) {
              read(connection, key, buffer);
            }
          } catch (IOException | RuntimeException e) {
            fail(connection, key, e.toString());
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException e) {
      firstFailure.compareAndSet(null, "selector: " + e);
    }
  }

  private void openMore() throws IOException {
    while (opened < clients && opened - connected.get() - lost.get() < CONNECT_BATCH) {
      SocketChannel channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      Connection connection = new Connection(opened++, channel);
      int ops = channel.connect(server) ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT;
      channel.register(selector, ops, connection);
    }
  }

  private void read(Connection connection, SelectionKey key, ByteBuffer buffer) throws IOException {
    int n;
    do {
      buffer.clear();
      n = connection.channel.read(buffer);
      long now = System.nanoTime();
      if (n < 0) {
        fail(connection, key, "the server closed the stream");
        return;
      }
      buffer.flip();
      connection.decoder.feed(buffer, now);
      if (connection.decoder.status() != 0 && connection.decoder.status() != 200) {
        fail(connection, key, "status " + connection.decoder.status());
        return;
      }
    } while (n == buffer.capacity()); // more may be waiting; otherwise the selector says when
  }

  private void fail(Connection connection, SelectionKey key, String why) {
    key.cancel();
    try {
      connection.channel.close();
    } catch (IOException ignored) {
      // Already broken.
    }
    lost.incrementAndGet();
    firstFailure.compareAndSet(null, "client " + connection.index + ": " + why);
  }

  /** Closes every connection and stops the thread; events seen so far stay with the listener. */
  @Override
  public void close() throws InterruptedException {
    closing = true;
    selector.wakeup();
    thread.join(10_000);
    for (SelectionKey key : selector.keys()) {
      try {
        key.channel().close();
      } catch (IOException ignored) {
        // Closing anyway.
      }
    }
    try {
      selector.close();
    } catch (IOException ignored) {
      // Nothing left to release.
    }
  }
}
