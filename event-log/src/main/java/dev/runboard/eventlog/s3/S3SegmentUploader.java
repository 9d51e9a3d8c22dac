package dev.runboard.eventlog.s3;

import dev.runboard.eventlog.EventLogFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads a writer's finished segment files from its staging directory to its run's prefix, one
 * object per file under the file's own name, on a background thread: in the order they were
 * finished, each retried with exponential backoff until it is stored, then deleted locally (never
 * before the store confirmed it). Files above the multipart threshold go up in parts.
 *
 * <p>An upload that is repeated (the process died after the store confirmed it but before the file
 * was deleted) writes the same bytes under the same key: nothing is ever duplicated.
 */
public final class S3SegmentUploader {
  private static final System.Logger log = System.getLogger(S3SegmentUploader.class.getName());
  /** Between two warnings about the same failing store. */
  private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final S3Client client;
  private final S3Location run;
  private final Path staging;
  private final S3WriterOptions options;
  private final LinkedBlockingQueue<Path> queue = new LinkedBlockingQueue<>();
  private final Object idle = new Object();
  private final Thread thread;
  private int pending; // guarded by idle
  private volatile Path inFlight;
  private volatile boolean stopped;
  private volatile long uploaded;
  private long failures;
  private long lastWarning;

  public S3SegmentUploader(S3Client client, S3Location run, Path staging, S3WriterOptions options) {
    this.client = Objects.requireNonNull(client, "client");
    this.run = Objects.requireNonNull(run, "run");
    this.staging = Objects.requireNonNull(staging, "staging");
    this.options = Objects.requireNonNull(options, "options");
    this.thread = new Thread(this::work, "runboard-s3-upload " + run);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /**
   * Submits what earlier writers of this run left in the staging directory: segments of sessions
   * whose process is gone (killed before their upload, or closed before it could finish). Empty
   * files (a session claimed, nothing written) are deleted. Returns how many files were submitted.
   */
  public int recoverLeftovers() throws IOException {
    if (!Files.isDirectory(staging)) {
      return 0;
    }
    long self = ProcessHandle.current().pid();
    TreeSet<Path> leftovers = new TreeSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
      for (Path file : files) {
        Optional<EventLogFiles.SegmentName> name = EventLogFiles.parse(file);
        if (name.isEmpty() || !Files.isRegularFile(file)) {
          continue;
        }
        long pid = sessionPid(name.get().session());
        if (pid == self || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue; // a live writer's: it uploads its own files
        }
        if (Files.size(file) == 0) {
          Files.deleteIfExists(file);
        } else {
          leftovers.add(file);
        }
      }
    }
    leftovers.forEach(this::submit);
    if (!leftovers.isEmpty()) {
      log.log(System.Logger.Level.INFO, "Uploading {0} segment(s) an earlier writer left in {1} to {2}",
          leftovers.size(), staging, run);
    }
    return leftovers.size();
  }

  private static long sessionPid(String session) {
    String[] parts = session.split("\\.");
    return Long.parseLong(parts[1]);
  }

  /** Queues a finished segment file for upload. */
  public void submit(Path file) {
    synchronized (idle) {
      pending++;
    }
    queue.add(file);
  }

  /** Segments submitted and not uploaded yet. */
  public int pending() {
    synchronized (idle) {
      return pending;
    }
  }

  /**
   * Waits until every submitted segment is uploaded or {@code timeout} has passed, then stops the
   * upload thread. Returns the files that were not uploaded (they stay in the staging directory).
   */
  public List<Path> finish(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean interrupted = false;
    synchronized (idle) {
      while (pending > 0 && thread.isAlive()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(idle, left);
        } catch (InterruptedException e) {
          interrupted = true; // the uploads matter more: keep waiting, then tell the caller
        }
      }
    }
    stopped = true;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    List<Path> left = new ArrayList<>();
    Path current = inFlight;
    if (current != null && Files.exists(current)) {
      left.add(current);
    }
    queue.drainTo(left);
    left.removeIf(f -> !Files.exists(f));
    return left;
  }

  private void work() {
    while (!stopped) {
      Path file;
      try {
        file = queue.take();
      } catch (InterruptedException e) {
        continue; // stopped is checked above
      }
      inFlight = file;
      boolean done = uploadUntilStored(file);
      if (done) {
        inFlight = null;
        synchronized (idle) {
          pending--;
          idle.notifyAll();
        }
      } else {
        queue.add(file); // stopped: leave it for finish() to report
        return;
      }
    }
  }

  /** Returns false when stopped before the file could be stored. */
  private boolean uploadUntilStored(Path file) {
    long delay = options.retryInitialDelay().toNanos();
    int attempts = 0;
    while (!stopped) {
      attempts++;
      try {
        upload(file);
        Files.delete(file);
        uploaded++;
        if (failures > 0) {
          log.log(System.Logger.Level.INFO, "Uploads to {0} work again (after {1} failed attempts)", run, failures);
          failures = 0;
        }
        return true;
      } catch (NoSuchFileException gone) {
        return true; // another uploader (a later writer of the same run) stored and deleted it
      } catch (IOException | RuntimeException e) {
        failures++;
        warn(file, attempts, e);
      }
      long jittered = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
      try {
        TimeUnit.NANOSECONDS.sleep(jittered);
      } catch (InterruptedException e) {
        // finish() stops us; otherwise try again now
      }
      delay = Math.min(delay * 2, options.retryMaxDelay().toNanos());
    }
    return false;
  }

  private void warn(Path file, int attempts, Exception e) {
    long now = System.nanoTime();
    if (attempts == 1 && failures == 1 || now - lastWarning >= WARN_EVERY_NANOS) {
      lastWarning = now;
      String message = e instanceof SdkException sdk
          ? S3AccessException.of("uploading " + file.getFileName(), sdk, run.bucket(), options.settings()).getMessage()
          : "uploading " + file.getFileName() + " failed: " + e;
      log.log(System.Logger.Level.WARNING,
          "{0} (attempt {1}; retrying with backoff; the segment stays in {2} until it is stored)",
          message, attempts, staging);
    }
  }

  private void upload(Path file) throws IOException {
    String key = run.key(file.getFileName().toString());
    long size = Files.size(file);
    if (size <= options.multipartThreshold()) {
      client.putObject(b -> b.bucket(run.bucket()).key(key).contentLength(size), RequestBody.fromFile(file));
      return;
    }
    String uploadId = client.createMultipartUpload(b -> b.bucket(run.bucket()).key(key)).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      byte[] part = new byte[(int) options.partSize()];
      try (InputStream in = Files.newInputStream(file)) {
        for (int number = 1; ; number++) {
          int length = in.readNBytes(part, 0, part.length);
          if (length == 0) {
            break;
          }
          int partNumber = number;
          String etag = client.uploadPart(
              b -> b.bucket(run.bucket()).key(key).uploadId(uploadId).partNumber(partNumber).contentLength((long) length),
              RequestBody.fromBytes(length == part.length ? part : Arrays.copyOf(part, length))).eTag();
          parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        }
      }
      client.completeMultipartUpload(
          b -> b.bucket(run.bucket()).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    } catch (IOException | RuntimeException e) {
      try {
        client.abortMultipartUpload(b -> b.bucket(run.bucket()).key(key).uploadId(uploadId));
      } catch (RuntimeException ignored) {
        // the store is unwell; it expires abandoned uploads itself
      }
      throw e;
    }
  }

  /** Segments uploaded so far. */
  public long uploaded() {
    return uploaded;
  }
}
