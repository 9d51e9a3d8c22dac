package dev.runboard.eventlog;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * Appends scalar events to a new Arrow IPC stream file in a run directory.
 *
 * <p>Thread-safe. {@link #log} only copies the event into an in-memory buffer; the buffer becomes
 * one Arrow record batch when it is flushed: every {@code flushInterval}, on {@link #flush()} and
 * on {@link #close()}, always by the writer's own daemon thread. Once {@code flush()} returns, the
 * rows are in the file and visible to tailing readers. A failed background flush is not
 * swallowed: the next call to {@code log}, {@code flush} or {@code close} throws it.
 */
public final class ScalarLogWriter implements Closeable {
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(500);

  private final Path file;
  private final Clock clock;
  private final BufferAllocator allocator;
  private final VectorSchemaRoot root;
  private final FileChannel channel;
  private final ArrowStreamWriter stream;
  private final ScheduledExecutorService flusher;

  // Pending rows, guarded by "this". Column arrays so that log() allocates nothing but on growth.
  private String[] tags = new String[1024];
  private long[] steps = new long[1024];
  private double[] wallTimes = new double[1024];
  private double[] values = new double[1024];
  private int pending;
  private boolean closed;
  private volatile IOException failure;

  private ScalarLogWriter(Path file, FileChannel channel, Duration flushInterval, Clock clock)
      throws IOException {
    this.file = file;
    this.clock = clock;
    this.channel = channel;
    this.allocator = new RootAllocator();
    this.root = VectorSchemaRoot.create(ScalarSchema.SCHEMA, allocator);
    this.stream = new ArrowStreamWriter(root, null, channel);
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "runboard-log-flush-" + file.getFileName());
              t.setDaemon(true);
              return t;
            });
    try {
      awaitUninterruptibly(flusher.submit(this::startStream));
    } catch (IOException | RuntimeException e) {
      flusher.shutdownNow();
      root.close();
      allocator.close();
      throw e;
    }
    long millis = Math.max(1, flushInterval.toMillis());
    flusher.scheduleWithFixedDelay(this::backgroundFlush, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Opens a new log file in {@code runDirectory} (created if missing), flushing every 500 ms. */
  public static ScalarLogWriter open(Path runDirectory) throws IOException {
    return open(runDirectory, DEFAULT_FLUSH_INTERVAL, Clock.systemUTC());
  }

  public static ScalarLogWriter open(Path runDirectory, Duration flushInterval, Clock clock)
      throws IOException {
    if (flushInterval.isNegative() || flushInterval.isZero()) {
      throw new IllegalArgumentException("flushInterval must be positive, was " + flushInterval);
    }
    Files.createDirectories(runDirectory);
    Instant created = clock.instant();
    long pid = ProcessHandle.current().pid();
    for (int attempt = 0; ; attempt++) {
      Path file = runDirectory.resolve(EventLogFiles.fileName(created, pid, attempt));
      try {
        FileChannel channel =
            FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
          return new ScalarLogWriter(file, channel, flushInterval, clock);
        } catch (IOException | RuntimeException e) {
          channel.close();
          throw e;
        }
      } catch (FileAlreadyExistsException e) {
        if (attempt > 1000) {
          throw e;
        }
      }
    }
  }

  public Path file() {
    return file;
  }

  /** Logs {@code value} for {@code tag} at {@code step}, stamped with the current wall time. */
  public void log(String tag, long step, double value) {
    log(tag, step, clock.millis() / 1000.0, value);
  }

  public synchronized void log(String tag, long step, double wallTime, double value) {
    if (tag == null || tag.isEmpty()) {
      throw new IllegalArgumentException("tag must be a non-empty string");
    }
    ensureOpen();
    if (pending == tags.length) {
      int capacity = tags.length * 2;
      tags = Arrays.copyOf(tags, capacity);
      steps = Arrays.copyOf(steps, capacity);
      wallTimes = Arrays.copyOf(wallTimes, capacity);
      values = Arrays.copyOf(values, capacity);
    }
    tags[pending] = tag;
    steps[pending] = step;
    wallTimes[pending] = wallTime;
    values[pending] = value;
    pending++;
  }

  /** Writes every event logged so far to the file; on return, readers can see them. */
  public void flush() throws IOException {
    ensureOpen();
    rethrowFailure();
    awaitUninterruptibly(flusher.submit(this::writePendingTask));
  }

  @Override
  public void close() throws IOException {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    Future<Void> last =
        flusher.submit(
            () -> {
              try {
                rethrowFailure();
                writePending();
                stream.end();
              } finally {
                stream.close();
                root.close();
                allocator.close();
                channel.close();
              }
              return null;
            });
    flusher.shutdown(); // cancels the periodic flush; the final task above still runs
    awaitUninterruptibly(last);
  }

  private Void startStream() throws IOException {
    stream.start(); // the schema message
    return null;
  }

  private Void writePendingTask() throws IOException {
    writePending();
    return null;
  }

  private void backgroundFlush() {
    if (failure != null) {
      return;
    }
    try {
      writePending();
    } catch (IOException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new IOException("writing " + file + " failed", e);
    }
  }

  /**
   * Waits for a write done on the flusher thread. Writes never run on the caller's thread: a
   * {@link FileChannel} is closed for good when a thread writing to it is interrupted, and a
   * training thread is interrupted to stop it.
   */
  private static void awaitUninterruptibly(Future<Void> write) throws IOException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          write.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          throw new IOException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Moves the pending rows into the Arrow vectors and writes them as one record batch. */
  private void writePending() throws IOException {
    String[] batchTags;
    long[] batchSteps;
    double[] batchWallTimes;
    double[] batchValues;
    int rows;
    synchronized (this) {
      rows = pending;
      if (rows == 0) {
        return;
      }
      batchTags = tags;
      batchSteps = steps;
      batchWallTimes = wallTimes;
      batchValues = values;
      // Fresh arrays so loggers never wait on the (slow) encode and write below.
      tags = new String[tags.length];
      steps = new long[steps.length];
      wallTimes = new double[wallTimes.length];
      values = new double[values.length];
      pending = 0;
    }
    VarCharVector tagVector = (VarCharVector) root.getVector(ScalarSchema.TAG);
    BigIntVector stepVector = (BigIntVector) root.getVector(ScalarSchema.STEP);
    Float8Vector wallVector = (Float8Vector) root.getVector(ScalarSchema.WALL_TIME);
    Float8Vector valueVector = (Float8Vector) root.getVector(ScalarSchema.VALUE);
    root.clear();
    tagVector.allocateNew(rows);
    stepVector.allocateNew(rows);
    wallVector.allocateNew(rows);
    valueVector.allocateNew(rows);
    for (int i = 0; i < rows; i++) {
      tagVector.setSafe(i, batchTags[i].getBytes(StandardCharsets.UTF_8));
      stepVector.set(i, batchSteps[i]);
      wallVector.set(i, batchWallTimes[i]);
      valueVector.set(i, batchValues[i]);
    }
    root.setRowCount(rows);
    stream.writeBatch();
  }

  private synchronized void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("writer for " + file + " is closed");
    }
    if (failure != null) {
      throw new UncheckedIOException("an earlier flush of " + file + " failed", failure);
    }
  }

  private void rethrowFailure() throws IOException {
    if (failure != null) {
      throw new IOException("an earlier flush of " + file + " failed", failure);
    }
  }
}
