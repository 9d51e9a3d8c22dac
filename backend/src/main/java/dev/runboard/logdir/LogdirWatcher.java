package dev.runboard.logdir;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.runboard.eventlog.EventFiles;
import dev.runboard.eventlog.LogFileSource;
import dev.runboard.index.LogdirIndex;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the index what is in the logdir and what changes: a first walk (runs are listed as soon
 * as it ends; their data loads in the background), then file-system notifications (inotify on
 * Linux, through the JDK's {@link WatchService}) for new, growing and deleted files and
 * directories, and a periodic full walk as a safety net. Where notifications are not available
 * (network file systems, no watches left), files still being written are polled instead.
 *
 * <p>An idle logdir costs nothing between walks: no file is opened or polled.
 */
public final class LogdirWatcher implements LogdirDiscovery {
  private static final Logger log = LoggerFactory.getLogger(LogdirWatcher.class);

  /** How changes are noticed. */
  public enum Mode {
    /** File-system notifications where they work, polling where they do not. */
    AUTO,
    /** Polling only: for file systems whose notifications cannot be trusted. */
    POLL
  }

  /**
   * @param pollInterval how often files still being written are checked, when polling
   * @param rescanInterval how often the whole logdir is walked; null for the default: 5 minutes
   *     with notifications (only a safety net: a walk of 10,000 runs costs a core-second), 5 s
   *     when polling (new runs appear that fast)
   */
  public record Options(Mode mode, Duration pollInterval, Duration rescanInterval) {
    public Duration effectiveRescan(boolean watching) {
      return rescanInterval != null ? rescanInterval : watching ? Duration.ofMinutes(5) : Duration.ofSeconds(5);
    }
  }

  private final LogdirIndex index;
  private final Path root;
  /** The run-name prefix of this logdir in a {@code --logdir_spec}; empty when it is the only one. */
  private final LogdirSource source;
  private final Options options;
  /** Told when the first walk is over (the index's readiness waits for every logdir's). */
  private final Runnable firstPassDone;
  private volatile Instant lastPass;
  private volatile long filesFound;
  private volatile int runsFound;
  private final Map<WatchKey, Path> keys = new ConcurrentHashMap<>();
  private final Map<Path, WatchKey> keysByDirectory = new ConcurrentHashMap<>();
  private volatile WatchService watchService;
  private volatile boolean polling;
  private volatile boolean reportedMissing;
  private volatile boolean reportedWatchLimit;
  private volatile Throwable died;
  private final Object pollingLock = new Object();
  private boolean pollingStarted; // guarded by pollingLock
  private Thread thread;
  private volatile ScheduledExecutorService timer;

  /** Watches the index's own logdir ({@link LogdirIndex#root()}), its only one. */
  public LogdirWatcher(LogdirIndex index, Options options) {
    this(index, LogdirSource.of(index.root().toString()), options, index::discoveryFinished);
  }

  /**
   * Watches one local logdir of several: its runs are named with the source's prefix.
   *
   * @param firstPassDone called once, when the first walk has reported every run
   */
  public LogdirWatcher(LogdirIndex index, LogdirSource source, Options options, Runnable firstPassDone) {
    this.index = index;
    this.source = source;
    this.root = source.directory();
    this.options = options;
    this.firstPassDone = firstPassDone;
  }

  @Override
  public Status status() {
    boolean notifying = watching();
    return new Status(source.name(), root.toString(), "local", notifying ? "notify" : "poll",
        options.effectiveRescan(notifying), lastPass, filesFound, null);
  }

  /** Starts discovery in the background: returns at once. */
  @Override
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    log.info("Watching logdir {}", root);
    thread = new Thread(this::run, "runboard-logdir-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  /** True while discovery works; false when its thread died (the index would go stale). */
  @Override
  public boolean healthy() {
    return died == null;
  }

  /** Whether changes are noticed through notifications (false: polling). */
  public boolean watching() {
    return watchService != null && !polling;
  }

  private void run() {
    try {
      if (options.mode() == Mode.AUTO) {
        try {
          watchService = root.getFileSystem().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
          log.warn("No file-system notifications for {} ({}); polling instead", root, e.toString());
        }
      }
      polling = watchService == null;
      long start = System.nanoTime();
      // First list every run as fast as possible (no watches yet), then walk again to watch every
      // directory: that second walk also picks up whatever changed in between.
      rescan(false);
      firstPassDone.run();
      log.info("Found {} runs in {} in {} ms; loading them in the background ({})",
          runsFound, root, (System.nanoTime() - start) / 1_000_000,
          watchService != null ? "file-system notifications" : "polling");
      if (watchService != null) {
        rescan(true);
      }
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "runboard-logdir-rescan");
        t.setDaemon(true);
        return t;
      });
      long rescan = options.effectiveRescan(watchService != null).toMillis();
      timer.scheduleWithFixedDelay(this::safely, rescan, rescan, TimeUnit.MILLISECONDS);
      if (polling) {
        startPolling();
      }
      if (watchService != null) {
        watch();
      }
    } catch (ClosedWatchServiceException | InterruptedException stopped) {
      // close() was called
    } catch (Throwable t) {
      died = t;
      log.error("Watching logdir {} failed; the index no longer follows it", root, t);
    }
  }

  private void safely() {
    try {
      rescan();
    } catch (RuntimeException e) {
      log.warn("Walking logdir {} failed: {}", root, e.toString(), e);
    }
  }

  /** Walks the whole logdir and reconciles the index with it: new, grown, deleted files and runs. */
  void rescan() {
    rescan(true);
  }

  private void rescan(boolean watch) {
    if (!Files.isDirectory(root)) {
      if (!reportedMissing) {
        log.warn("Logdir {} does not exist (yet); runs will appear once it does", root);
        reportedMissing = true;
      }
    } else {
      reportedMissing = false;
    }
    Map<String, LogdirScan.RunFiles> found = LogdirScan.walk(root, watch ? this::register : d -> {});
    Set<String> gone = new HashSet<>();
    for (String run : index.runNames()) {
      if (source.owns(run)) {
        gone.add(run);
      }
    }
    long files = 0;
    for (Map.Entry<String, LogdirScan.RunFiles> run : found.entrySet()) {
      String name = source.runName(run.getKey());
      gone.remove(name);
      reconcile(name, run.getValue());
      files += run.getValue().sizes().size();
    }
    gone.forEach(index::runRemoved);
    filesFound = files;
    runsFound = found.size();
    lastPass = Instant.now();
  }

  private String runName(Path directory) {
    return source.runName(LogdirScan.runName(root, directory));
  }

  private void reconcile(String name, LogdirScan.RunFiles files) {
    Set<String> known = new HashSet<>(index.fileNames(name));
    files.sizes().forEach((file, size) -> {
      if (known.remove(file)) {
        index.fileChanged(name, file, size);
      } else {
        index.fileFound(name, files.directory(), LogFileSource.local(files.directory().resolve(file)), size);
      }
    });
    known.forEach(file -> index.fileRemoved(name, file));
  }

  /** Starts polling files still being written (once): notifications are missing somewhere. */
  private void startPolling() {
    synchronized (pollingLock) {
      if (pollingStarted || timer == null) {
        return;
      }
      pollingStarted = true;
      long poll = options.pollInterval().toMillis();
      timer.scheduleWithFixedDelay(this::pollLiveFiles, poll, poll, TimeUnit.MILLISECONDS);
    }
  }

  private void register(Path directory) {
    WatchService service = watchService;
    if (service == null || keysByDirectory.containsKey(directory)) {
      return;
    }
    try {
      WatchKey key = directory.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
      keys.put(key, directory);
      keysByDirectory.put(directory, key);
    } catch (IOException e) {
      // Usually the inotify watch limit (fs.inotify.max_user_watches): poll instead.
      polling = true;
      startPolling();
      if (!reportedWatchLimit) {
        reportedWatchLimit = true;
        log.warn("Cannot watch {} ({}); files still being written are polled every {}",
            directory, e.toString(), options.pollInterval());
      }
    }
  }

  private void watch() throws InterruptedException {
    while (true) {
      WatchKey key = watchService.take();
      Path directory = keys.get(key);
      if (directory == null) {
        key.cancel();
        continue;
      }
      for (WatchEvent<?> event : key.pollEvents()) {
        try {
          handle(directory, event);
        } catch (RuntimeException e) {
          log.warn("Handling {} in {} failed: {}", event.kind(), directory, e.toString(), e);
        }
      }
      if (!key.reset()) {
        directoryRemoved(directory);
      }
    }
  }

  private void handle(Path directory, WatchEvent<?> event) {
    if (event.kind() == OVERFLOW) {
      rescan(); // events were lost: reconcile with what is there
      return;
    }
    Path child = directory.resolve((Path) event.context());
    if (event.kind() == ENTRY_CREATE) {
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        LogdirScan.walk(root, child, this::register).forEach((run, files) -> reconcile(source.runName(run), files));
      } else if (EventFiles.isEventFile(child)) {
        fileChanged(directory, child, true);
      }
    } else if (event.kind() == ENTRY_MODIFY) {
      if (EventFiles.isEventFile(child)) {
        fileChanged(directory, child, false);
      }
    } else if (event.kind() == ENTRY_DELETE) {
      if (keysByDirectory.containsKey(child)) {
        directoryRemoved(child);
      } else if (EventFiles.isEventFile(child)) {
        index.fileRemoved(runName(directory), child.getFileName().toString());
      }
    }
  }

  private void fileChanged(Path directory, Path file, boolean created) {
    long size;
    try {
      if (!Files.isRegularFile(file)) {
        return;
      }
      size = Files.size(file);
    } catch (IOException e) {
      return; // gone again: its delete event follows
    }
    String run = runName(directory);
    if (created || !index.fileNames(run).contains(file.getFileName().toString())) {
      index.fileFound(run, directory, LogFileSource.local(file), size);
    } else {
      index.fileChanged(run, file.getFileName().toString(), size);
    }
  }

  /** A directory and everything below it is gone: so are the runs in it. */
  private void directoryRemoved(Path directory) {
    for (Path d : List.copyOf(keysByDirectory.keySet())) {
      if (d.startsWith(directory)) {
        WatchKey key = keysByDirectory.remove(d);
        if (key != null) {
          key.cancel();
          keys.remove(key);
        }
      }
    }
    boolean all = directory.equals(root);
    String prefix = runName(directory);
    for (String run : List.copyOf(index.runNames())) {
      if (all ? source.owns(run) : run.equals(prefix) || run.startsWith(prefix + "/")) {
        index.runRemoved(run);
      }
    }
  }

  /** Where notifications are missing, checks the size of every file still being written. */
  private void pollLiveFiles() {
    try {
      index.forEachLiveFile((run, file) -> {
        if (!source.owns(run) || !file.isAbsolute()) {
          return; // another logdir's (object storage is listed by its own discovery)
        }
        try {
          index.fileChanged(run, file.getFileName().toString(), Files.size(file));
        } catch (NoSuchFileException e) {
          index.fileRemoved(run, file.getFileName().toString());
        } catch (IOException e) {
          log.debug("Cannot stat {}: {}", file, e.toString());
        }
      });
    } catch (RuntimeException e) {
      log.warn("Polling log files failed: {}", e.toString(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    WatchService service = watchService;
    if (service != null) {
      try {
        service.close();
      } catch (IOException e) {
        log.debug("Closing the watch service failed", e);
      }
    }
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
