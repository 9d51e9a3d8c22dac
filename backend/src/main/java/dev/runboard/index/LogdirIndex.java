package dev.runboard.index;

import dev.runboard.data.Blob;
import dev.runboard.data.BlobSequence;
import dev.runboard.data.DataClass;
import dev.runboard.data.DataProvider;
import dev.runboard.data.DataStatus;
import dev.runboard.data.DataUpdate;
import dev.runboard.data.RunInfo;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.ScalarQuery;
import dev.runboard.data.ScalarSeries;
import dev.runboard.data.SeriesInfo;
import dev.runboard.data.StepQuery;
import dev.runboard.data.Subscription;
import dev.runboard.data.TensorSeries;
import dev.runboard.data.UpdateFilter;
import dev.runboard.data.UpdateListener;
import dev.runboard.eventlog.BlobEvent;
import dev.runboard.eventlog.GraphEvent;
import dev.runboard.eventlog.ImageEvent;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.LogFileSource;
import dev.runboard.eventlog.TextEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The index of a logdir: every run, read lazily by a bounded pool of loader threads, within a
 * memory budget, behind the {@link DataProvider} contract.
 *
 * <p>Discovery (a {@code LogdirWatcher}) tells it which files exist and which changed; it reads
 * them in the background, runs being viewed first, and answers reads at once with what is loaded.
 * Over budget, the least recently read series are evicted and read again from their files when
 * asked for; blobs are never held, only where they are.
 */
public final class LogdirIndex implements DataProvider, AutoCloseable {
  /** A run read within this long counts as being viewed: its changes are loaded first. */
  private static final long VIEWED_NANOS = TimeUnit.SECONDS.toNanos(60);
  /** A series this large, evicted, is streamed from its files rather than read back whole. */
  private static final int BUDGET_SHARE_PER_RELOAD = 4;
  private static final long BYTES_PER_POINT_ESTIMATE = 16;

  private final IndexOptions options;
  private final IndexContext context;
  private final ConcurrentSkipListMap<String, RunIndex> runs = new ConcurrentSkipListMap<>();
  private final LoadScheduler scheduler;
  private final Object evictionLock = new Object();
  private final List<Runnable> firstLoadListeners = new CopyOnWriteArrayList<>();
  private volatile List<RunIndex> initialRuns;
  /** How many of {@link #initialRuns}, from the first, were seen loaded (or removed). */
  private final AtomicInteger firstLoadCursor = new AtomicInteger();
  private volatile boolean firstLoadDone;
  private boolean startRequested; // guarded by this
  private boolean started; // guarded by this

  public LogdirIndex(IndexOptions options) {
    this.options = options;
    this.context = new IndexContext(
        options.readOptions(),
        new MemoryBudget(options.budgetBytes()),
        new ProblemLog(options.maxProblems()),
        new UpdateHub(),
        options.clock(),
        new AtomicLong(),
        new AtomicLong(),
        new AtomicLong());
    this.scheduler = new LoadScheduler(options.loaderThreads(), this::load);
  }

  /**
   * Starts the loader threads, once the first discovery pass is over (at once if it is): listing
   * every run comes first, and loaders competing for the cores would only slow it down.
   */
  public synchronized void start() {
    startRequested = true;
    if (initialRuns != null && !started) {
      started = true;
      scheduler.start();
    }
  }

  /** The local logdir the options name, for {@code LogdirWatcher}; null when there is none. */
  public Path root() {
    return options.root();
  }

  // ---------------------------------------------------------------------------------------------
  // What discovery reports

  /** A log file exists (new, or seen again); its run is created when new and polled. */
  public void fileFound(String runName, Path runDirectory, LogFileSource file, long size) {
    RunIndex run = runs.get(runName);
    boolean newRun = false;
    if (run == null) {
      RunIndex created = new RunIndex(runName, runDirectory, context);
      run = runs.putIfAbsent(runName, created);
      if (run == null) {
        run = created;
        newRun = true;
      }
    }
    run.addFile(file, size);
    if (newRun) {
      context.hub().publish(new DataUpdate.RunAdded(runName));
    }
    scheduler.schedule(run, isViewed(run));
  }

  /** A followed file may have grown: polled when it has unread bytes. */
  public void fileChanged(String runName, String fileName, long size) {
    RunIndex run = runs.get(runName);
    if (run != null && run.isLive(fileName, size)) {
      run.markDirty();
      scheduler.schedule(run, isViewed(run));
    }
  }

  /** A followed file was deleted: its data goes, and the run with its last file. */
  public void fileRemoved(String runName, String fileName) {
    RunIndex run = runs.get(runName);
    if (run == null) {
      return;
    }
    if (run.removeFile(fileName)) {
      scheduler.schedule(run, isViewed(run));
    } else {
      runRemoved(runName);
    }
  }

  /** A run's directory was deleted. */
  public void runRemoved(String runName) {
    RunIndex run = runs.remove(runName);
    if (run != null) {
      run.remove();
      context.problems().removeRun(runName);
      context.hub().publish(new DataUpdate.RunRemoved(runName));
    }
  }

  /** Every followed file that may still grow, with its run: for polling without notifications. */
  public void forEachLiveFile(java.util.function.BiConsumer<String, Path> action) {
    for (RunIndex run : runs.values()) {
      for (Path file : run.liveFiles()) {
        action.accept(run.name(), file);
      }
    }
  }

  public Set<String> runNames() {
    return runs.keySet();
  }

  /** The files followed in a run, by name; empty for an unknown run. */
  public List<String> fileNames(String runName) {
    RunIndex run = runs.get(runName);
    return run == null ? List.of() : run.fileNames();
  }

  /** Descriptions of the run's files that end in an incomplete record, after the last poll. */
  public List<String> tornTails(String runName) {
    RunIndex run = runs.get(runName);
    return run == null ? List.of() : run.tornTails();
  }

  /**
   * The first discovery pass is over: once every run it found has been loaded, {@link
   * #firstLoadDone()} turns true (readiness).
   */
  public void discoveryFinished() {
    synchronized (this) {
      if (initialRuns != null) {
        return;
      }
      initialRuns = List.copyOf(runs.values());
      if (startRequested) {
        start();
      }
    }
    checkFirstLoad();
  }

  public boolean firstLoadDone() {
    return firstLoadDone;
  }

  /** Called once, on a loader thread, when the first load is done. */
  public void onFirstLoadDone(Runnable listener) {
    firstLoadListeners.add(listener);
    if (firstLoadDone) {
      listener.run();
    }
  }

  /** False when a loader thread died: nothing would index new data any more. */
  public boolean healthy() {
    return scheduler.healthy();
  }

  /** Runs waiting for a loader or being loaded. */
  public int backlog() {
    return scheduler.backlog();
  }

  /** Scalar points, tensors and blobs indexed since startup (re-reads of evicted series excluded). */
  public long pointsIndexed() {
    return context.pointsIndexed().get();
  }

  /**
   * How far reading lags behind the files: bytes that files hold beyond what was read, over every
   * file that may still grow, as of discovery's last look.
   */
  public long unreadBytes() {
    long unread = 0;
    for (RunIndex run : runs.values()) {
      unread += run.unreadBytes();
    }
    return unread;
  }

  // ---------------------------------------------------------------------------------------------
  // Loading

  private void load(RunIndex run) {
    run.poll();
    evictIfNeeded();
    checkFirstLoad();
  }

  /** Reads a run's files now, on the calling thread (the command-line tools' batch mode). */
  public void loadNow(String runName) {
    RunIndex run = runs.get(runName);
    if (run != null) {
      run.poll();
      evictIfNeeded();
      checkFirstLoad();
    }
  }

  private boolean isViewed(RunIndex run) {
    return System.nanoTime() - run.lastViewedNanos() < VIEWED_NANOS;
  }

  private void checkFirstLoad() {
    List<RunIndex> initial = initialRuns;
    if (firstLoadDone || initial == null) {
      return;
    }
    // A run stays loaded once loaded, so each check resumes where the last one stopped: a first
    // load of n runs costs O(n) checks in all, not one pass over the list per run loaded (10,000
    // runs: 50 M checks, a tenth of the loaders' time).
    int i = firstLoadCursor.get();
    while (i < initial.size() && (initial.get(i).isLoaded() || initial.get(i).isRemoved())) {
      i++;
    }
    firstLoadCursor.accumulateAndGet(i, Math::max);
    if (i < initial.size()) {
      return;
    }
    synchronized (this) {
      if (firstLoadDone) {
        return;
      }
      firstLoadDone = true;
    }
    firstLoadListeners.forEach(Runnable::run);
  }

  private void evictIfNeeded() {
    MemoryBudget budget = context.budget();
    if (!budget.over()) {
      return;
    }
    synchronized (evictionLock) {
      long excess = budget.excess();
      if (excess <= 0) {
        return;
      }
      List<Series> candidates = new ArrayList<>();
      for (RunIndex run : runs.values()) {
        for (Series s : run.allSeries()) {
          if (!(s instanceof BlobColumn) && s.isResident()) {
            candidates.add(s);
          }
        }
      }
      candidates.sort(Comparator.comparingLong(Series::lastReadNanos));
      for (Series s : candidates) {
        if (excess <= 0) {
          break;
        }
        long freed = s.evict();
        budget.add(-freed);
        excess -= freed;
      }
    }
  }

  /** The run, marked as viewed (loaded first when unloaded), or null. */
  private RunIndex viewed(RunIndex run, long now) {
    run.markViewed(now);
    if (!run.isLoaded()) {
      scheduler.schedule(run, true);
    }
    return run;
  }

  private List<RunIndex> matching(RunTagFilter filter) {
    List<RunIndex> matched = new ArrayList<>();
    if (filter.runs() != null && filter.runPattern() == null) {
      for (String name : new java.util.TreeSet<>(filter.runs())) {
        RunIndex run = runs.get(name);
        if (run != null) {
          matched.add(run);
        }
      }
      return matched;
    }
    for (RunIndex run : runs.values()) {
      if (filter.matchesRun(run.name())) {
        matched.add(run);
      }
    }
    return matched;
  }

  // ---------------------------------------------------------------------------------------------
  // DataProvider

  @Override
  public List<RunInfo> listRuns() {
    List<RunInfo> infos = new ArrayList<>(runs.size());
    for (RunIndex run : runs.values()) {
      infos.add(run.info());
    }
    return infos;
  }

  @Override
  public Optional<RunInfo> run(String name) {
    RunIndex run = runs.get(name);
    return run == null ? Optional.empty() : Optional.of(run.info());
  }

  @Override
  public List<SeriesInfo> listSeries(DataClass dataClass, String pluginName, RunTagFilter filter) {
    List<SeriesInfo> infos = new ArrayList<>();
    for (RunIndex run : matching(filter)) {
      for (Series s : run.allSeries()) {
        if (s.dataClass() == dataClass
            && (pluginName == null || s.pluginName().equals(pluginName))
            && filter.matchesTag(s.tag())) {
          infos.add(s.info());
        }
      }
    }
    return infos;
  }

  @Override
  public List<ScalarSeries> readScalars(RunTagFilter filter, ScalarQuery query) {
    long now = System.nanoTime();
    List<ScalarSeries> out = new ArrayList<>();
    for (RunIndex run : matching(filter)) {
      viewed(run, now);
      for (Series s : run.allSeries()) {
        if (s instanceof ScalarColumn column && filter.matchesTag(s.tag())) {
          column.touch(now);
          out.add(readScalar(run, column, query));
        }
      }
    }
    return out;
  }

  private ScalarSeries readScalar(RunIndex run, ScalarColumn column, ScalarQuery query) {
    if (!column.isResident()
        && column.count() * BYTES_PER_POINT_ESTIMATE <= context.budget().limit() / BUDGET_SHARE_PER_RELOAD) {
      run.reload(column);
      evictIfNeeded();
    }
    ScalarColumn.Stats stats = column.stats();
    return ScalarReads.read(column, stats, query, run.firstWallTime(), (from, to, sink) -> {
      if (column.scan(from, to, sink) < 0) {
        run.scanFromFiles(column, from, to, sink);
      }
    });
  }

  /**
   * Feeds every point of one scalar series to the sink in logged order, from memory or from the
   * files, without holding the whole series: for exports of any size. Returns false when there is
   * no such series.
   */
  public boolean scanScalars(String runName, String tag, PointSink sink) {
    RunIndex run = runs.get(runName);
    Series s = run == null ? null : run.series(DataClass.SCALARS, tag);
    if (!(s instanceof ScalarColumn column)) {
      return false;
    }
    long count = column.count();
    if (column.scan(0, count, sink) < 0) {
      run.scanFromFiles(column, 0, count, sink);
    }
    return true;
  }

  @Override
  public List<TensorSeries> readTensors(String pluginName, RunTagFilter filter, StepQuery query) {
    long now = System.nanoTime();
    List<TensorSeries> out = new ArrayList<>();
    for (RunIndex run : matching(filter)) {
      viewed(run, now);
      for (Series s : run.allSeries()) {
        if (s instanceof TensorColumn column
            && (pluginName == null || s.pluginName().equals(pluginName))
            && filter.matchesTag(s.tag())) {
          column.touch(now);
          out.add(readTensor(run, column, query));
        }
      }
    }
    return out;
  }

  private TensorSeries readTensor(RunIndex run, TensorColumn column, StepQuery query) {
    for (int attempt = 0; attempt < 3; attempt++) {
      TensorSeries read = column.read(query);
      if (read != null) {
        return read;
      }
      if (!run.reload(column)) {
        break;
      }
      evictIfNeeded();
    }
    throw new IllegalStateException(
        "tensor series '" + column.tag() + "' of run '" + run.name()
            + "' cannot be held in memory; raise runboard.index.max-bytes");
  }

  @Override
  public List<BlobSequence> readBlobSequences(String pluginName, RunTagFilter filter, StepQuery query) {
    long now = System.nanoTime();
    List<BlobSequence> out = new ArrayList<>();
    for (RunIndex run : matching(filter)) {
      viewed(run, now);
      for (Series s : run.allSeries()) {
        if (s instanceof BlobColumn column
            && (pluginName == null || s.pluginName().equals(pluginName))
            && filter.matchesTag(s.tag())) {
          column.touch(now);
          long generation = column.generation();
          out.add(column.read(query, i -> BlobKeys.encode(run.name(), column.tag(), generation, i)));
        }
      }
    }
    return out;
  }

  @Override
  public Optional<Blob> readBlob(String key) {
    Optional<BlobKeys.Key> parsed = BlobKeys.decode(key);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    BlobKeys.Key k = parsed.get();
    RunIndex run = runs.get(k.run());
    Series s = run == null ? null : run.series(DataClass.BLOB_SEQUENCES, k.tag());
    if (!(s instanceof BlobColumn column) || column.generation() != k.generation()) {
      return Optional.empty();
    }
    BlobColumn.Location location = column.blob(k.index());
    if (location == null) {
      return Optional.empty();
    }
    try {
      LogEvent event = run.readBlobEvent(location, column.pluginName());
      return Optional.of(toBlob(event, location));
    } catch (IOException e) {
      throw new UncheckedIOException("reading a blob of run '" + run.name() + "' failed: " + e.getMessage(), e);
    }
  }

  private static Blob toBlob(LogEvent event, BlobColumn.Location location) {
    if (event instanceof ImageEvent e) {
      return new Blob(e.mediaType(), e.encoded());
    } else if (event instanceof TextEvent e) {
      return new Blob(location.mediaType(), e.markdown().getBytes(StandardCharsets.UTF_8));
    } else if (event instanceof BlobEvent e) {
      return new Blob(e.mediaType(), e.data());
    } else if (event instanceof GraphEvent e) {
      return new Blob("application/json", GraphJson.of(e.graph()));
    }
    throw new IllegalStateException("the log holds " + event.getClass().getSimpleName() + " where a blob was indexed");
  }

  @Override
  public Subscription subscribe(UpdateFilter filter, UpdateListener listener) {
    return context.hub().subscribe(filter, listener);
  }

  @Override
  public DataStatus status() {
    int loaded = 0;
    for (RunIndex run : runs.values()) {
      if (run.isLoaded()) {
        loaded++;
      }
    }
    return new DataStatus(
        runs.size(),
        loaded,
        context.bytesRead().get(),
        context.bytesTotal().get(),
        firstLoadDone,
        context.problems().recent(),
        context.problems().total(),
        context.budget().used(),
        context.budget().limit());
  }

  @Override
  public void close() {
    scheduler.close();
    for (RunIndex run : runs.values()) {
      run.remove();
    }
    runs.clear();
  }
}
