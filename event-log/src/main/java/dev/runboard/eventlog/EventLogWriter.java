package dev.runboard.eventlog;

import dev.runboard.eventlog.s3.S3AccessException;
import dev.runboard.eventlog.s3.S3Location;
import dev.runboard.eventlog.s3.S3SegmentUploader;
import dev.runboard.eventlog.s3.S3WriterOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes a run's events as a Runboard event log (docs/event-log-format.md): one writer is one
 * session, which writes its own segment files in the run directory.
 *
 * <p>Thread-safe. Logging only enqueues: scalars go into preallocated primitive buffers (no
 * allocation per call), other events into a bounded queue. A background thread turns them into
 * Arrow record batches: a scalar buffer as soon as it is full, and everything pending every {@link
 * EventLogWriterOptions#flushInterval()}, on {@link #flush()}, on {@link #close()} and on JVM
 * shutdown (a shutdown hook, removed again by {@code close}). When the queue is full, logging
 * blocks for up to {@link EventLogWriterOptions#enqueueTimeout()} and then throws {@link
 * EventLogQueueFullException}: events are never dropped silently.
 *
 * <p>Once {@code flush()} returns, everything logged before it is in the files, visible to readers
 * and safe from the process being killed (and, with {@link FsyncPolicy#PER_FLUSH}, on disk). A
 * failed background write is not swallowed: every later call throws it.
 *
 * <p>{@link #open(URI)} also writes to object storage ({@code s3://bucket/prefix/run}): the
 * segments are written to a local staging directory as above, finished at least every {@link
 * S3WriterOptions#flushInterval()}, and uploaded as objects in the background (see {@link
 * S3SegmentUploader} and docs/event-log-format.md, "Object storage"). Logging never waits for the
 * network; {@code flush()} makes data durable locally, and it reaches the bucket with the next
 * finished segment.
 */
public final class EventLogWriter implements AutoCloseable {
  private static final int BUFFERS = 4;
  private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final Path runDirectory;
  private final String session;
  /** Where the segments go once finished; null for a local run. */
  private final Upload upload;
  private final EventLogWriterOptions options;
  private final Clock clock;
  private final long enqueueTimeoutNanos;

  // Shared between logging threads and the writer thread.
  private final TagTable scalarTags = new TagTable();
  private final ReentrantLock lock = new ReentrantLock();
  private ScalarBuffer current; // guarded by lock; null until a free buffer is taken
  private boolean closed; // guarded by lock
  private final BlockingQueue<ScalarBuffer> free = new LinkedBlockingQueue<>();
  private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
  private final Semaphore eventPermits;
  private final CompletableFuture<Void> closeDone = new CompletableFuture<>();
  private volatile Throwable failure;
  private final Thread writerThread;
  private final Thread shutdownHook;

  // Writer thread only.
  private final BufferAllocator allocator;
  private final Map<EventKind, SegmentWriter> segments = new EnumMap<>(EventKind.class);
  private final Map<EventKind, EventCodec> codecs = new EnumMap<>(EventKind.class);
  private final Map<EventKind, TagTable> tagTables = new EnumMap<>(EventKind.class);
  private final Map<EventKind, List<LogEvent>> pending = new EnumMap<>(EventKind.class);
  private long lastStep;
  /** Permits of queued events taken into {@link #pending}; released once they are written. */
  private int heldPermits;

  /** Messages from logging threads to the writer thread, in the order they were sent. */
  private interface Command {}

  private record Batch(ScalarBuffer buffer) implements Command {}

  private record Event(LogEvent event) implements Command {}

  /** Write everything pending; {@code done} is null for the periodic flush. */
  private record Flush(CompletableFuture<Void> done) implements Command {}

  private record Close(CompletableFuture<Void> done) implements Command {}

  /** An s3:// run: its uploader and client, owned by the writer, and how often segments finish. */
  private record Upload(S3Location location, S3Client client, S3SegmentUploader uploader, S3WriterOptions options) {}

  private EventLogWriter(
      Path runDirectory,
      String session,
      EventLogWriterOptions options,
      BufferAllocator allocator,
      SegmentWriter sessionSegments,
      Upload upload) {
    this.runDirectory = runDirectory;
    this.session = session;
    this.upload = upload;
    this.options = options;
    this.clock = options.clock();
    this.enqueueTimeoutNanos = options.enqueueTimeout().toNanos();
    this.allocator = allocator;
    this.eventPermits = new Semaphore(options.maxPendingEvents());
    this.lastStep = options.resumeStep();
    for (int i = 0; i < BUFFERS; i++) {
      free.add(new ScalarBuffer(options.bufferRows()));
    }
    for (EventKind kind : EventKind.values()) {
      codecs.put(kind, EventCodec.of(kind));
      pending.put(kind, new ArrayList<>());
      if (EventSchemas.hasTagDictionary(kind)) {
        tagTables.put(kind, kind == EventKind.SCALAR ? scalarTags : new TagTable());
      }
    }
    segments.put(EventKind.SESSION, sessionSegments);
    pending.get(EventKind.SESSION)
        .add(new SessionEvent(seconds(clock), SessionEvent.Kind.START, options.resumeStep(), ""));
    writerThread = new Thread(this::runWriter, "runboard-event-log " + runDirectory.getFileName());
    writerThread.setDaemon(true);
    shutdownHook = new Thread(this::closeOnShutdown, "runboard-event-log-shutdown");
  }

  /** Starts a new session in {@code runDirectory} (created if missing) with default options. */
  public static EventLogWriter open(Path runDirectory) throws IOException {
    return open(runDirectory, EventLogWriterOptions.defaults());
  }

  /**
   * Starts a new session in {@code runDirectory} (created if missing). Its {@code START} session
   * event is in the file when this returns.
   */
  public static EventLogWriter open(Path runDirectory, EventLogWriterOptions options)
      throws IOException {
    return openSession(runDirectory, options, null);
  }

  /**
   * Starts a new session in a run given as a URI: a local path ({@code file:} or no scheme) or
   * {@code s3://bucket/prefix/run}, with default options.
   */
  public static EventLogWriter open(URI run) throws IOException {
    return open(run, EventLogWriterOptions.defaults());
  }

  /** As {@link #open(URI)}, with the given options and the default object-storage options. */
  public static EventLogWriter open(URI run, EventLogWriterOptions options) throws IOException {
    return open(run, options, S3WriterOptions.defaults());
  }

  /**
   * Starts a new session in a local run ({@code file:} URI or a plain path) or in an {@code s3://}
   * run. For object storage the session writes to the run's staging directory ({@link
   * S3WriterOptions#stagingFor}) and uploads every finished segment; first, it submits what an
   * earlier, killed writer of the same run left there.
   *
   * @throws S3AccessException when the bucket does not exist or the credentials are missing (an
   *     unreachable store is only warned about: uploads are retried until it answers)
   * @throws IllegalArgumentException for another scheme
   */
  public static EventLogWriter open(URI run, EventLogWriterOptions options, S3WriterOptions s3)
      throws IOException {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(s3, "s3");
    if (!S3Location.isS3(run)) {
      if (run.getScheme() == null) {
        return open(Path.of(run.getPath()), options);
      }
      if ("file".equalsIgnoreCase(run.getScheme())) {
        return open(Path.of(run), options);
      }
      throw new IllegalArgumentException(
          "cannot write an event log to " + run + ": give a local directory or s3://bucket/prefix");
    }
    S3Location location = S3Location.of(run);
    S3Client client = s3.settings().newClient(s3.traffic());
    try {
      checkBucket(client, location, s3);
      Path staging = s3.stagingFor(location);
      Files.createDirectories(staging);
      S3SegmentUploader uploader = new S3SegmentUploader(client, location, staging, s3);
      uploader.recoverLeftovers();
      uploader.start();
      try {
        return openSession(staging, options, new Upload(location, client, uploader, s3));
      } catch (IOException | RuntimeException e) {
        uploader.finish(s3.closeTimeout()); // what was recovered still goes up, if it can
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /**
   * Fails fast where waiting cannot help: no such bucket, no credentials. A store that cannot be
   * reached, or that does not allow HeadBucket to a writer allowed to upload, is only warned about.
   */
  private static void checkBucket(S3Client client, S3Location location, S3WriterOptions s3) throws IOException {
    try {
      client.headBucket(b -> b.bucket(location.bucket()));
    } catch (SdkException e) {
      S3AccessException failure = e instanceof S3Exception s && s.statusCode() == 404
          ? new S3AccessException(S3AccessException.Reason.NO_SUCH_BUCKET,
              "opening " + location + " failed: bucket '" + location.bucket() + "' does not exist at "
                  + s3.settings().describeEndpoint(), e)
          : S3AccessException.of("opening " + location, e, location.bucket(), s3.settings());
      if (failure.reason() == S3AccessException.Reason.NO_SUCH_BUCKET
          || failure.reason() == S3AccessException.Reason.NO_CREDENTIALS) {
        throw failure;
      }
      System.getLogger(EventLogWriter.class.getName()).log(System.Logger.Level.WARNING,
          "{0}; logging goes on, segments wait in the staging directory until they can be uploaded",
          failure.getMessage());
    }
  }

  private static EventLogWriter openSession(Path runDirectory, EventLogWriterOptions options, Upload upload)
      throws IOException {
    Objects.requireNonNull(options, "options");
    Files.createDirectories(runDirectory);
    Instant start = options.clock().instant();
    long pid = ProcessHandle.current().pid();
    BufferAllocator allocator = new RootAllocator();
    try {
      for (int attempt = 0; ; attempt++) {
        String session = EventLogFiles.session(start, pid, attempt);
        SegmentWriter sessionSegments =
            new SegmentWriter(
                runDirectory, session, EventKind.SESSION, null,
                options.segmentMaxBytes(), options.fsyncPolicy(), allocator, finishedSegments(upload));
        try {
          // Creating the session's first file claims the session name.
          sessionSegments.claimFirstSegment();
        } catch (FileAlreadyExistsException taken) {
          sessionSegments.close();
          if (attempt >= 1000) {
            throw taken;
          }
          continue;
        } catch (IOException | RuntimeException e) {
          sessionSegments.close();
          throw e;
        }
        EventLogWriter writer =
            new EventLogWriter(runDirectory, session, options, allocator, sessionSegments, upload);
        writer.start();
        return writer;
      }
    } catch (IOException | RuntimeException e) {
      allocator.close();
      throw e;
    }
  }

  private static Consumer<Path> finishedSegments(Upload upload) {
    return upload == null ? null : upload.uploader()::submit;
  }

  private void start() throws IOException {
    writerThread.start();
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      flush();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The run directory; for an s3:// run, its local staging directory. */
  public Path runDirectory() {
    return runDirectory;
  }

  /** For an s3:// run: finished segments not uploaded yet; 0 for a local run. */
  public int pendingUploads() {
    return upload == null ? 0 : upload.uploader().pending();
  }

  /** This writer's session name, the part of its file names after {@code events.}. */
  public String session() {
    return session;
  }

  /** Logs a scalar stamped with the current wall time. */
  public void scalar(String tag, long step, double value) {
    scalar(tag, step, seconds(clock), value);
  }

  /**
   * Logs a scalar. Only enqueues: no allocation, no I/O, unless the queue is full.
   *
   * @param wallTime seconds since the Unix epoch
   * @throws EventLogQueueFullException when the queue stayed full for the enqueue timeout
   */
  public void scalar(String tag, long step, double wallTime, double value) {
    int tagId = scalarTags.id(tag);
    lock.lock();
    try {
      ensureOpen();
      ScalarBuffer buffer = current;
      if (buffer == null || buffer.isFull()) {
        buffer = nextBuffer();
      }
      buffer.add(tagId, step, wallTime, value);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Logs an event of any kind. Scalars take the same path as {@link #scalar}; other kinds are
   * queued as they are (records are immutable, but an image's byte array must not be changed
   * after it is logged).
   *
   * @throws EventLogQueueFullException when the queue stayed full for the enqueue timeout
   */
  public void write(LogEvent event) {
    Objects.requireNonNull(event, "event");
    if (event instanceof ScalarEvent) {
      ScalarEvent s = (ScalarEvent) event;
      scalar(s.tag(), s.step(), s.wallTime(), s.value());
      return;
    }
    if (event instanceof GraphEvent && ((GraphEvent) event).graph().nodes().isEmpty()) {
      throw new IllegalArgumentException("a graph needs at least one node");
    }
    ensureOpenUnlocked();
    if (!acquireUninterruptibly(eventPermits)) {
      throw new EventLogQueueFullException(
          "event log queue for " + runDirectory + " full (" + options.maxPendingEvents()
              + " events) for " + options.enqueueTimeout() + ": the writer cannot keep up");
    }
    lock.lock();
    try {
      ensureOpen();
      commands.add(new Event(event));
    } catch (RuntimeException e) {
      eventPermits.release();
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /** Blocks until everything logged before the call is written (and synced, per the policy). */
  public void flush() throws IOException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    lock.lock();
    try {
      ensureOpen();
      handOffCurrent();
      commands.add(new Flush(done));
    } finally {
      lock.unlock();
    }
    await(done);
  }

  /**
   * Writes everything logged, a {@code STOP} session event, and ends every segment. Idempotent;
   * a second caller waits for the first.
   */
  @Override
  public void close() throws IOException {
    boolean first;
    lock.lock();
    try {
      first = !closed;
      if (first) {
        closed = true;
        handOffCurrent();
        commands.add(new Close(closeDone));
      }
    } finally {
      lock.unlock();
    }
    try {
      await(closeDone);
    } finally {
      if (first && Thread.currentThread() != shutdownHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
          // The JVM is exiting: the hook is running or about to, and will find us closed.
        }
      }
    }
  }

  private void closeOnShutdown() {
    try {
      close();
    } catch (IOException | RuntimeException e) {
      System.err.println("runboard: closing the event log in " + runDirectory + " failed: " + e);
    }
  }

  // ---- logging-thread side -------------------------------------------------------------------

  /** Sends the full (or partial) current buffer to the writer and takes a free one. Lock held. */
  private ScalarBuffer nextBuffer() {
    handOffCurrent();
    ScalarBuffer next = free.poll();
    if (next == null) {
      next = pollUninterruptibly(free);
      if (next == null) {
        throw new EventLogQueueFullException(
            "event log queue for " + runDirectory + " full (" + options.queueCapacity()
                + " scalars) for " + options.enqueueTimeout() + ": the writer cannot keep up");
      }
    }
    current = next;
    return next;
  }

  /** Lock held. */
  private void handOffCurrent() {
    if (current != null && current.size() > 0) {
      commands.add(new Batch(current));
      current = null;
    }
  }

  private ScalarBuffer pollUninterruptibly(BlockingQueue<ScalarBuffer> queue) {
    long deadline = System.nanoTime() + enqueueTimeoutNanos;
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true; // keep waiting: the caller's events must not be lost to an interrupt
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private boolean acquireUninterruptibly(Semaphore permits) {
    if (permits.tryAcquire()) {
      return true;
    }
    long deadline = System.nanoTime() + enqueueTimeoutNanos;
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return permits.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void ensureOpenUnlocked() {
    lock.lock();
    try {
      ensureOpen();
    } finally {
      lock.unlock();
    }
  }

  /** Lock held. */
  private void ensureOpen() {
    if (failure != null) {
      throw new UncheckedIOException(
          new IOException("writing the event log in " + runDirectory + " failed", failure));
    }
    if (closed) {
      throw new IllegalStateException("event log writer for " + runDirectory + " is closed");
    }
  }

  /**
   * Waits for the writer thread. Never interrupted away: writes happen on the writer thread only
   * (an interrupted thread would close a FileChannel for good), and a training thread is
   * interrupted to stop it, right before it closes its writer.
   */
  private void await(CompletableFuture<Void> done) throws IOException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          done.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof IOException) {
            throw new IOException("writing the event log in " + runDirectory + " failed", cause);
          }
          if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
          }
          throw new IOException("writing the event log in " + runDirectory + " failed", cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---- writer-thread side --------------------------------------------------------------------

  private void runWriter() {
    long interval = options.flushInterval().toNanos();
    long nextFlush = System.nanoTime() + interval;
    long finishInterval = upload == null ? Long.MAX_VALUE : upload.options().flushInterval().toNanos();
    long nextFinish = upload == null ? Long.MAX_VALUE : System.nanoTime() + finishInterval;
    Deque<Command> backlog = new ArrayDeque<>();
    while (true) {
      if (backlog.isEmpty() && System.nanoTime() - nextFlush >= 0) {
        if (takeEverythingLogged(backlog)) {
          backlog.add(new Flush(null));
          nextFlush = System.nanoTime() + interval;
        } else {
          nextFlush = System.nanoTime() + RETRY_NANOS; // a logger holds the lock; soon again
        }
      }
      if (backlog.isEmpty() && upload != null && System.nanoTime() - nextFinish >= 0) {
        finishSegments();
        nextFinish = System.nanoTime() + finishInterval;
      }
      Command command = backlog.poll();
      if (command == null) {
        long wait = Math.min(nextFlush - System.nanoTime(), nextFinish - System.nanoTime());
        try {
          command = commands.poll(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          continue; // nobody interrupts this thread; if someone does, keep serving
        }
      }
      if (command != null && handle(command)) {
        return;
      }
    }
  }

  /**
   * For the periodic flush: the queued commands plus the partial current buffer, in order. Does
   * not wait for the lock: a logger blocked on a full queue holds it, and waits for this thread.
   */
  private boolean takeEverythingLogged(Deque<Command> backlog) {
    if (!lock.tryLock()) {
      return false;
    }
    try {
      commands.drainTo(backlog);
      if (current != null && current.size() > 0) {
        backlog.add(new Batch(current));
        current = null;
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Returns true once the writer is closed. */
  private boolean handle(Command command) {
    if (command instanceof Batch) {
      ScalarBuffer buffer = ((Batch) command).buffer();
      try {
        if (failure == null) {
          writeScalars(buffer);
        }
      } catch (Throwable t) {
        fail(t);
      } finally {
        buffer.clear();
        free.add(buffer);
      }
    } else if (command instanceof Event) {
      LogEvent event = ((Event) command).event();
      if (failure == null) {
        pending.get(EventKind.of(event)).add(event);
        heldPermits++;
      } else {
        eventPermits.release();
      }
    } else if (command instanceof Flush) {
      CompletableFuture<Void> done = ((Flush) command).done();
      try {
        if (failure == null) {
          writePendingEvents();
          if (options.fsyncPolicy() == FsyncPolicy.PER_FLUSH) {
            for (SegmentWriter segment : segments.values()) {
              segment.sync();
            }
          }
        }
      } catch (Throwable t) {
        fail(t);
      }
      if (done != null) {
        complete(done);
      }
    } else if (command instanceof Close) {
      try {
        if (failure == null) {
          pending.get(EventKind.SESSION)
              .add(new SessionEvent(seconds(clock), SessionEvent.Kind.STOP, lastStep, ""));
          writePendingEvents();
        }
      } catch (Throwable t) {
        fail(t);
      }
      for (SegmentWriter segment : segments.values()) {
        try {
          segment.close();
        } catch (Throwable t) {
          fail(t);
        }
      }
      allocator.close();
      if (upload != null) {
        finishUploads();
      }
      complete(((Close) command).done());
      return true;
    }
    return false;
  }

  /** s3://: ends every open segment so that what was logged so far goes up as objects. */
  private void finishSegments() {
    if (failure != null) {
      return;
    }
    try {
      writePendingEvents(); // what the last flush left is in this round, not the next
      for (SegmentWriter segment : segments.values()) {
        segment.finishSegment();
      }
    } catch (Throwable t) {
      fail(t);
    }
  }

  /** On close: waits for the last uploads, within the close timeout; reports what is left. */
  private void finishUploads() {
    List<Path> left = upload.uploader().finish(upload.options().closeTimeout());
    upload.client().close();
    if (!left.isEmpty()) {
      fail(new IOException(
          left.size() + " segment(s) of " + upload.location() + " were not uploaded within "
              + upload.options().closeTimeout() + "; they stay in " + runDirectory
              + " and the next writer that opens this run uploads them"));
    }
  }

  private void complete(CompletableFuture<Void> done) {
    if (failure == null) {
      done.complete(null);
    } else {
      done.completeExceptionally(failure);
    }
  }

  private void fail(Throwable t) {
    if (failure == null) {
      failure = t;
    }
  }

  private void writeScalars(ScalarBuffer buffer) throws IOException {
    SegmentWriter segment = segment(EventKind.SCALAR);
    ScalarCodec.encode(buffer, segment.root());
    segment.writeBatch();
    lastStep = buffer.maxStep(lastStep);
  }

  private void writePendingEvents() throws IOException {
    try {
      for (Map.Entry<EventKind, List<LogEvent>> entry : pending.entrySet()) {
        List<LogEvent> events = entry.getValue();
        if (events.isEmpty()) {
          continue;
        }
        EventKind kind = entry.getKey();
        SegmentWriter segment = segment(kind);
        try {
          segment.root().clear();
          segment.root().allocateNew();
          codecs.get(kind).encode(events, segment.root(), tagTables.get(kind));
          segment.writeBatch();
        } finally {
          events.clear();
        }
      }
    } finally {
      eventPermits.release(heldPermits);
      heldPermits = 0;
    }
  }

  private SegmentWriter segment(EventKind kind) {
    return segments.computeIfAbsent(
        kind,
        k ->
            new SegmentWriter(
                runDirectory, session, k, tagTables.get(k),
                options.segmentMaxBytes(), options.fsyncPolicy(), allocator, finishedSegments(upload)));
  }

  private static double seconds(Clock clock) {
    return clock.millis() / 1000.0;
  }
}
