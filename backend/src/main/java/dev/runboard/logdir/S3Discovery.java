package dev.runboard.logdir;

import dev.runboard.eventlog.EventFiles;
import dev.runboard.eventlog.s3.S3AccessException;
import dev.runboard.eventlog.s3.S3Location;
import dev.runboard.eventlog.s3.S3ObjectSource;
import dev.runboard.eventlog.s3.S3Settings;
import dev.runboard.eventlog.s3.S3Traffic;
import dev.runboard.index.LogdirIndex;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Discovery for a logdir in object storage ({@code s3://bucket/prefix}): lists the prefix, paginated
 * (1,000 keys a request), every {@code interval}, and tells the index what changed since the last
 * listing by each object's size and ETag: new objects, grown ones (a writer re-uploads a growing
 * event file; only the new bytes are read), objects replaced by different content (read again),
 * and objects gone. As for local logdirs, every "directory" holding event files is a run.
 *
 * <p>The index reads the objects through {@link S3ObjectSource} (ranged GETs); it knows nothing else
 * about the store. A finished Arrow segment is read once and never requested again, so an idle
 * logdir costs one listing per interval.
 */
public final class S3Discovery implements LogdirDiscovery {
  private static final Logger log = LoggerFactory.getLogger(S3Discovery.class);

  private final LogdirIndex index;
  private final S3Client client;
  private final S3Settings settings;
  private final S3Location root;
  private final LogdirSource source;
  private final Duration interval;
  private final int readAhead;
  private final S3Traffic traffic;
  private final Runnable firstPassDone;
  /** What the last listing saw, by key: guarded by this (one listing at a time). */
  private final Map<String, Listed> known = new HashMap<>();
  private ScheduledExecutorService timer;
  private volatile Instant lastPass;
  private volatile String lastError;
  private volatile long filesFound;
  private volatile boolean firstPass = true;

  private record Listed(String run, String file, long size, String etag) {}

  /**
   * @param interval how often the prefix is listed
   * @param readAhead bytes fetched per ranged GET at least
   * @param traffic counts the reads' bytes; may be null
   * @param firstPassDone called once, after the first listing reported every run
   */
  public S3Discovery(
      LogdirIndex index, S3Client client, S3Settings settings, LogdirSource source, Duration interval,
      int readAhead, S3Traffic traffic, Runnable firstPassDone) {
    this.index = index; // null only for listRuns
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.source = Objects.requireNonNull(source, "source");
    this.root = source.s3();
    this.interval = Objects.requireNonNull(interval, "interval");
    this.readAhead = readAhead;
    this.traffic = traffic;
    this.firstPassDone = Objects.requireNonNull(firstPassDone, "firstPassDone");
  }

  /**
   * Lists one key: fails, with a message that says what to fix, when the bucket does not exist,
   * the credentials are missing or rejected, or the store cannot be reached. For startup.
   */
  public void checkAccess() throws S3AccessException {
    try {
      client.listObjectsV2(b -> b.bucket(root.bucket()).prefix(root.prefix()).maxKeys(1));
    } catch (SdkException e) {
      throw S3AccessException.of("listing " + root, e, root.bucket(), settings);
    }
  }

  @Override
  public synchronized void start() {
    if (timer != null) {
      return;
    }
    log.info("Listing logdir {} every {}", root, interval);
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "runboard-s3-discovery " + root);
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::safely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void safely() {
    try {
      poll();
    } catch (RuntimeException e) {
      log.warn("Listing {} failed: {}", root, e.toString(), e);
    }
  }

  /**
   * Lists the prefix once and reconciles the index with it. A failed listing changes nothing (the
   * runs stay as they were) and is retried at the next interval. The first call, failed or not,
   * ends the first pass.
   */
  public synchronized void poll() {
    try {
      Map<String, Listed> listed = list();
      reconcile(listed);
      lastError = null;
      lastPass = Instant.now();
    } catch (SdkException e) {
      String message = S3AccessException.of("listing " + root, e, root.bucket(), settings).getMessage();
      if (!message.equals(lastError)) {
        log.warn("{}; retrying every {}", message, interval);
      }
      lastError = message;
    } finally {
      if (firstPass) {
        firstPass = false;
        firstPassDone.run();
      }
    }
  }

  /**
   * The runs of an s3:// logdir as one listing finds them, for the command-line tools.
   *
   * @throws S3AccessException when listing fails
   */
  public static LogdirBatch.Runs listRuns(
      S3Client client, S3Settings settings, LogdirSource source, int readAhead, S3Traffic traffic)
      throws S3AccessException {
    S3Discovery discovery = new S3Discovery(null, client, settings, source, Duration.ofDays(1), readAhead, traffic, () -> {});
    SortedMap<String, List<LogdirBatch.FoundFile>> runs = new TreeMap<>();
    try {
      discovery.list().forEach((key, object) -> runs.computeIfAbsent(object.run(), r -> new ArrayList<>())
          .add(new LogdirBatch.FoundFile(discovery.sourceOf(key), object.size())));
    } catch (SdkException e) {
      throw S3AccessException.of("listing " + discovery.root, e, discovery.root.bucket(), settings);
    }
    return new LogdirBatch.Runs(runs);
  }

  private Map<String, Listed> list() {
    Map<String, Listed> listed = new TreeMap<>();
    for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(root.bucket()).prefix(root.prefix())).contents()) {
      String relative = root.relativize(object.key());
      int slash = relative.lastIndexOf('/');
      String file = relative.substring(slash + 1);
      if (file.isEmpty() || !EventFiles.isEventFile(Path.of(file))) {
        continue; // a "directory" marker, or not a log
      }
      String run = slash < 0 ? "." : relative.substring(0, slash);
      listed.put(object.key(), new Listed(source.runName(run), file, object.size(), object.eTag()));
    }
    return listed;
  }

  private void reconcile(Map<String, Listed> listed) {
    for (Map.Entry<String, Listed> entry : listed.entrySet()) {
      String key = entry.getKey();
      Listed now = entry.getValue();
      Listed before = known.get(key);
      if (before == null) {
        found(key, now);
      } else if (now.size() > before.size()) {
        index.fileChanged(now.run(), now.file(), now.size()); // grown: read from where reading stopped
      } else if (now.size() < before.size()
          || (now.etag() != null && before.etag() != null && !now.etag().equals(before.etag()))) {
        // Shorter, or rewritten at the same size: the bytes read may no longer be there.
        index.fileRemoved(now.run(), now.file());
        found(key, now);
      }
    }
    for (Map.Entry<String, Listed> entry : known.entrySet()) {
      if (!listed.containsKey(entry.getKey())) {
        index.fileRemoved(entry.getValue().run(), entry.getValue().file());
      }
    }
    known.clear();
    known.putAll(listed);
    filesFound = listed.size();
  }

  private void found(String key, Listed object) {
    index.fileFound(object.run(), Path.of(object.run()), sourceOf(key), object.size());
  }

  private S3ObjectSource sourceOf(String key) {
    return new S3ObjectSource(client, settings, root.bucket(), key, Path.of(root.relativize(key)), readAhead, traffic);
  }

  @Override
  public boolean healthy() {
    return true; // a failing listing is retried, and shown in the status
  }

  @Override
  public Status status() {
    return new Status(source.name(), root.toString(), "s3", "list", interval, lastPass, filesFound, lastError);
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
