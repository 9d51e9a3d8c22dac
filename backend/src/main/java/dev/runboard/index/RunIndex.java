package dev.runboard.index;

import dev.runboard.data.DataClass;
import dev.runboard.data.DataUpdate;
import dev.runboard.data.PluginNames;
import dev.runboard.data.Problem;
import dev.runboard.data.RunInfo;
import dev.runboard.data.ScalarSeries;
import dev.runboard.data.SeriesInfo;
import dev.runboard.data.SessionInfo;
import dev.runboard.data.TensorPayload;
import dev.runboard.eventlog.BlobEvent;
import dev.runboard.eventlog.EventFileTail;
import dev.runboard.eventlog.EventFiles;
import dev.runboard.eventlog.EventSink;
import dev.runboard.eventlog.EventSource;
import dev.runboard.eventlog.FileProblem;
import dev.runboard.eventlog.FileTruncatedException;
import dev.runboard.eventlog.GraphEvent;
import dev.runboard.eventlog.HistogramEvent;
import dev.runboard.eventlog.ImageEvent;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.LogFileSource;
import dev.runboard.eventlog.RunMetadataEvent;
import dev.runboard.eventlog.ScalarBatch;
import dev.runboard.eventlog.ScalarEvent;
import dev.runboard.eventlog.SessionEvent;
import dev.runboard.eventlog.TensorEvent;
import dev.runboard.eventlog.TextEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One run: its log files, read incrementally, and the series they hold. A loader thread calls
 * {@link #poll()} when files changed; readers may read the series at any time.
 *
 * <p>Everything that reads the run's files (polling, re-reading an evicted series, a rebuild)
 * holds the run's lock, so offsets are stable while a series is read again. When a file shrinks,
 * is replaced or disappears, the run is rebuilt: every series starts a new generation and every
 * file is read again from the start.
 */
final class RunIndex {
  /** Points appended in one pass that an update carries at most; beyond, listeners read. */
  private static final int MAX_CARRIED_POINTS = 4096;
  /** Rows of a batch appended together (see Indexer#scalars): 4096 rows of 24 bytes fit L2. */
  private static final int APPEND_BLOCK_ROWS = 4096;
  /** Marks a series whose appended points in a pass were too many to carry. */
  private static final Points TOO_MANY = new Points(0);

  private final String name;
  private final Path directory;
  private final IndexContext context;
  private final ReentrantLock lock = new ReentrantLock();
  private final TreeMap<String, TrackedFile> files = new TreeMap<>(); // guarded by lock
  private final List<TrackedFile> filesById = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<SeriesKey, Series> series = new ConcurrentHashMap<>();
  /** Counts additions to and removals from {@link #series}: what {@link #sorted} was built at. */
  private final AtomicInteger seriesChanges = new AtomicInteger();
  /**
   * {@link #allSeries()} as last built: listing 10,000 runs sorted every run's series for each
   * request, a fifth of its time, though a run gains a series only when a new tag appears.
   */
  private volatile SortedSeries sorted = new SortedSeries(-1, List.of());
  private volatile long generation;
  private volatile boolean loaded;
  private volatile boolean removed;
  private volatile long lastViewedNanos = Long.MIN_VALUE;
  /** Set when files changed since the last poll began; the scheduler polls again. */
  private volatile boolean dirty = true;
  /** A followed file was deleted: the next poll reads the run again without it. */
  private boolean rebuildPending; // guarded by lock

  // Run metadata: written under the lock, read from any thread.
  private volatile double firstWall = Double.NaN;
  private volatile double lastWall = Double.NaN;
  private volatile long lastStep;
  private final List<SessionInfo> sessions = new CopyOnWriteArrayList<>();
  private volatile Map<String, Object> hparams = Map.of();
  private volatile Map<String, String> attributes = Map.of();

  RunIndex(String name, Path directory, IndexContext context) {
    this.name = name;
    this.directory = directory;
    this.context = context;
  }

  String name() {
    return name;
  }

  Path directory() {
    return directory;
  }

  boolean isLoaded() {
    return loaded;
  }

  boolean isDirty() {
    return dirty;
  }

  void markDirty() {
    dirty = true;
  }

  void markViewed(long nanos) {
    lastViewedNanos = nanos;
  }

  long lastViewedNanos() {
    return lastViewedNanos;
  }

  boolean isRemoved() {
    return removed;
  }

  // ---------------------------------------------------------------------------------------------
  // Files

  /**
   * Starts following a file (when new) and marks the run for polling. Returns false when the
   * file was already followed.
   */
  boolean addFile(LogFileSource source, long size) {
    lock.lock();
    try {
      String fileName = source.path().getFileName().toString();
      dirty = true;
      if (files.containsKey(fileName)) {
        return false;
      }
      TrackedFile file = new TrackedFile(filesById.size(), fileName, source);
      file.size = size;
      context.bytesTotal().addAndGet(size);
      files.put(fileName, file);
      filesById.add(file);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The names of the files followed, in name order. */
  List<String> fileNames() {
    lock.lock();
    try {
      return List.copyOf(files.keySet());
    } finally {
      lock.unlock();
    }
  }

  /** Whether a file might have data not read yet: it is followed and not finished. */
  boolean isLive(String fileName, long size) {
    lock.lock();
    try {
      TrackedFile f = files.get(fileName);
      if (f == null) {
        return false;
      }
      context.bytesTotal().addAndGet(Math.max(size, f.offset) - f.size);
      f.size = Math.max(size, f.offset);
      return !f.done && size != f.offset;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops following a file that was deleted. Its points go with it: the next poll rebuilds the
   * run from the files that remain (not at once: deleting a run deletes its files one by one).
   * Returns whether the run still has files.
   */
  boolean removeFile(String fileName) {
    lock.lock();
    try {
      TrackedFile f = files.remove(fileName);
      if (f != null) {
        f.removed = true;
        f.closeTail();
        context.bytesTotal().addAndGet(-f.size);
        rebuildPending = true;
        dirty = true;
      }
      return !files.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A file's name as users see it: relative to the logdir, with '/' separators, which for a file of
   * this run is the run's name and the file's (the run "." being the logdir itself).
   */
  String display(Path file) {
    String fileName = file.getFileName().toString();
    return name.equals(".") ? fileName : name + "/" + fileName;
  }

  /** Bytes the unfinished files hold beyond what was read, as far as discovery told. */
  long unreadBytes() {
    lock.lock();
    try {
      long unread = 0;
      for (TrackedFile f : files.values()) {
        if (!f.done) {
          unread += Math.max(0, f.size - f.offset);
        }
      }
      return unread;
    } finally {
      lock.unlock();
    }
  }

  /** Descriptions of the files that end in an incomplete record, as their tails saw them. */
  List<String> tornTails() {
    lock.lock();
    try {
      List<String> torn = new ArrayList<>();
      for (TrackedFile f : files.values()) {
        if (f.tail != null) {
          f.tail.tornTail().ifPresent(torn::add);
        }
      }
      return torn;
    } finally {
      lock.unlock();
    }
  }

  /** The files that may still grow, for polling where there are no notifications. */
  List<Path> liveFiles() {
    lock.lock();
    try {
      List<Path> live = new ArrayList<>();
      for (TrackedFile f : files.values()) {
        if (!f.done) {
          live.add(f.source.path());
        }
      }
      return live;
    } finally {
      lock.unlock();
    }
  }

  /** Forgets everything: the run's directory is gone. Releases memory and closes every file. */
  void remove() {
    lock.lock();
    try {
      removed = true;
      for (TrackedFile f : files.values()) {
        f.closeTail();
        f.removed = true;
        context.bytesTotal().addAndGet(-f.size);
      }
      files.clear();
      releaseSeries();
    } finally {
      lock.unlock();
    }
  }

  private void releaseSeries() {
    for (Series s : series.values()) {
      context.budget().add(-s.release());
    }
    series.clear();
    seriesChanges.incrementAndGet();
  }

  // ---------------------------------------------------------------------------------------------
  // Reading the files

  /**
   * Reads what every unfinished file gained since the last poll, then tells the subscribers
   * (after releasing the run's lock: a listener may read the run).
   */
  void poll() {
    Pass pass;
    boolean runChanged;
    lock.lock();
    try {
      if (removed) {
        return;
      }
      dirty = false;
      pass = new Pass();
      boolean rebuilt = false;
      if (rebuildPending) {
        rebuild();
        rebuilt = true;
      }
      for (int attempt = 0; attempt < 2; attempt++) {
        for (TrackedFile file : List.copyOf(files.values())) {
          if (!file.done) {
            pollFile(file, pass);
          }
          if (pass.rebuildNeeded) {
            break;
          }
        }
        if (!pass.rebuildNeeded) {
          break;
        }
        rebuild();
        rebuilt = true;
        pass = new Pass();
      }
      boolean firstLoad = !loaded;
      loaded = true;
      if (firstLoad) {
        for (Series s : series.values()) {
          if (s instanceof ScalarColumn c) {
            context.budget().add(c.trim());
          }
        }
      }
      runChanged = firstLoad || rebuilt || pass.metadataChanged;
      for (Series advanced : pass.previousVersions.keySet()) {
        pass.versions.put(advanced, advanced.version());
      }
    } finally {
      lock.unlock();
    }
    publish(pass, runChanged);
  }

  private void pollFile(TrackedFile file, Pass pass) {
    try {
      if (file.tail == null) {
        file.tail = EventFiles.open(file.source, context.readOptions());
      }
      EventFileTail tail = file.tail;
      long before = tail.offset();
      try {
        tail.poll(new Indexer(file, pass));
      } finally {
        long after = tail.offset();
        context.bytesRead().addAndGet(Math.max(0, after - before));
        file.offset = after;
        if (after > file.size) {
          context.bytesTotal().addAndGet(after - file.size);
          file.size = after;
        }
        report(tail.drainProblems());
      }
      if (tail.done()) {
        file.done = true;
        file.closeTail();
      } else {
        tail.releaseHandle();
      }
    } catch (FileTruncatedException e) {
      problem(file, -1, e.getMessage() + "; reading the run again from the start");
      pass.rebuildNeeded = true;
    } catch (NoSuchFileException e) {
      // Deleted under us: the watcher removes it; until then there is nothing to read.
      file.closeTail();
    } catch (IOException e) {
      problem(file, file.offset, "cannot read: " + e);
      file.closeTail();
    } catch (Throwable t) {
      // Anything else (OutOfMemoryError on a crafted file included) is this file's problem, not
      // the loader's: the file is set aside, every other file and run goes on.
      problem(file, file.offset, "reading failed, file set aside: " + t);
      file.done = true;
      file.closeTail();
    }
  }

  private void report(List<FileProblem> found) {
    for (FileProblem p : found) {
      context.problems().add(
          new Problem(name, display(p.file()), p.offset(), p.message(), p.time()));
    }
  }

  private void problem(TrackedFile file, long offset, String message) {
    context.problems().add(
        new Problem(name, display(file.source.path()), offset, message, context.clock().instant()));
  }

  /** Starts over: a new generation of every series, every file read again from byte 0. */
  private void rebuild() {
    rebuildPending = false;
    generation++;
    for (TrackedFile f : files.values()) {
      f.closeTail();
      f.offset = 0;
      f.done = false;
    }
    releaseSeries();
    sessions.clear();
    hparams = Map.of();
    attributes = Map.of();
    firstWall = Double.NaN;
    lastWall = Double.NaN;
    lastStep = 0;
    dirty = true;
  }

  /** What one poll changed: the series advanced (with their versions before) and the rest. */
  private final class Pass {
    final Map<Series, Long> previousVersions = new LinkedHashMap<>();
    final Map<Series, Long> versions = new HashMap<>();
    final Map<Series, Points> appended = new HashMap<>();
    boolean metadataChanged;
    boolean rebuildNeeded;

    void advanced(Series s, long previousVersion) {
      previousVersions.putIfAbsent(s, previousVersion);
    }
  }

  private void publish(Pass pass, boolean runChanged) {
    UpdateHub hub = context.hub();
    if (runChanged) {
      hub.publish(new DataUpdate.RunChanged(name));
    }
    for (Map.Entry<Series, Long> e : pass.previousVersions.entrySet()) {
      Series s = e.getKey();
      Points points = pass.appended.get(s);
      ScalarSeries carried = null;
      long version = pass.versions.get(s);
      if (points != null && points.size() > 0) {
        long previous = e.getValue();
        long from = Series.generationOf(previous) == s.generation() ? previous : Series.versionOf(s.generation(), 0);
        if (Series.countOf(version) - Series.countOf(from) == points.size()) {
          carried = new ScalarSeries(
              name, s.tag(), version, points.size(), false, true, points.steps(), points.walls(),
              points.values());
        }
      }
      hub.publish(new DataUpdate.SeriesAdvanced(
          name, s.tag(), s.dataClass(), s.pluginName(), e.getValue(), version, carried));
    }
  }

  /** Turns what a tail reads into series entries. */
  private final class Indexer implements EventSink {
    private final TrackedFile file;
    private final Pass pass;

    Indexer(TrackedFile file, Pass pass) {
      this.file = file;
      this.pass = pass;
    }

    @Override
    public void scalars(ScalarBatch batch) {
      int n = batch.size();
      if (n == 0) {
        return;
      }
      long[] steps = batch.steps();
      double[] walls = batch.wallTimes();
      double[] values = batch.values();
      TagPartition parts = TagPartition.of(batch);
      ScalarColumn[] columns = new ScalarColumn[parts.tagCount()];
      for (int t = 0; t < columns.length; t++) {
        if (parts.count(t) > 0) {
          ScalarColumn column = scalarColumn(batch.tags().get(t));
          column.addFile(file.id);
          pass.advanced(column, column.version());
          columns[t] = column;
        }
      }
      int stride = parts.stride();
      if (parts.rows() == null) {
        // Rows block by block, every tag's rows of a block before the next block: a tag's rows
        // are every stride-th, so a pass over one tag alone reads the whole batch's columns (the
        // others' values share its cache lines), once per tag. A block stays in the cache across
        // its tags' passes.
        int block = Math.max(1, APPEND_BLOCK_ROWS / stride) * stride;
        for (int b = 0; b < n; b += block) {
          int end = Math.min(n, b + block);
          for (int t = 0; t < columns.length; t++) {
            int from = b + parts.start(t);
            if (columns[t] != null && from < end) {
              append(columns[t], steps, walls, values, null, from, stride, (end - from + stride - 1) / stride);
            }
          }
        }
      } else {
        for (int t = 0; t < columns.length; t++) {
          if (columns[t] != null) {
            append(columns[t], steps, walls, values, parts.rows(), parts.start(t), stride, parts.count(t));
          }
        }
      }
      for (ScalarColumn column : columns) {
        if (column != null) {
          // The run's times from the column's, which the append kept: no pass of its own. A
          // column of NaN wall times only has no range (its minimum is above its maximum).
          ScalarColumn.Stats stats = column.stats();
          boolean timed = stats.minWall() <= stats.maxWall();
          noteTimes(stats.maxStep(), timed ? stats.minWall() : Double.NaN, timed ? stats.maxWall() : Double.NaN);
        }
      }
      context.pointsIndexed().addAndGet(n);
    }

    private void append(
        ScalarColumn column, long[] s, double[] w, double[] v, int[] rows, int from, int stride, int n) {
      context.budget().add(column.append(s, w, v, rows, from, stride, n));
      carry(column, s, w, v, rows, from, stride, n);
    }

    private void carry(
        ScalarColumn column, long[] s, double[] w, double[] v, int[] rows, int from, int stride, int n) {
      if (!context.hub().wants(name, column.tag(), DataClass.SCALARS)) {
        return;
      }
      Points points = pass.appended.get(column);
      if (points == TOO_MANY) {
        return;
      }
      if (points == null) {
        points = new Points(n);
        pass.appended.put(column, points);
      }
      if (points.size() + n > MAX_CARRIED_POINTS) {
        pass.appended.put(column, TOO_MANY); // listeners read instead
        return;
      }
      for (int k = 0; k < n; k++) {
        int i = rows == null ? from + k * stride : rows[from + k];
        points.add(s[i], w[i], v[i]);
      }
    }

    @Override
    public void event(LogEvent event, EventSource source) {
      if (event instanceof ScalarEvent e) {
        ScalarColumn column = scalarColumn(e.tag());
        column.addFile(file.id);
        pass.advanced(column, column.version());
        long[] s = {e.step()};
        double[] w = {e.wallTime()};
        double[] v = {e.value()};
        context.budget().add(column.append(s, w, v, 0, 1));
        context.pointsIndexed().incrementAndGet();
        carry(column, s, w, v, null, 0, 1, 1);
        noteTimes(e.step(), e.wallTime(), e.wallTime());
      } else if (event instanceof HistogramEvent e) {
        tensor(e.tag(), PluginNames.HISTOGRAMS, e.step(), e.wallTime(), Payloads.histogram(e.histogram()));
      } else if (event instanceof TensorEvent e) {
        String plugin = e.pluginName().isEmpty() ? "tensors" : e.pluginName();
        tensor(e.tag(), plugin, e.step(), e.wallTime(), Payloads.tensor(e));
      } else if (event instanceof ImageEvent e) {
        Map<String, String> attributes = new LinkedHashMap<>();
        putPositive(attributes, "width", e.width());
        putPositive(attributes, "height", e.height());
        putPositive(attributes, "channels", e.channels());
        blob(e.tag(), PluginNames.IMAGES, e.step(), e.wallTime(), source, e.mediaType(),
            e.encoded().length, attributes);
      } else if (event instanceof TextEvent e) {
        blob(e.tag(), PluginNames.TEXT, e.step(), e.wallTime(), source, "text/markdown; charset=utf-8",
            e.markdown().getBytes(StandardCharsets.UTF_8).length, Map.of());
      } else if (event instanceof BlobEvent e) {
        blob(e.tag(), e.pluginName().isEmpty() ? "blobs" : e.pluginName(), e.step(), e.wallTime(),
            source, e.mediaType(), e.data().length, Map.of());
      } else if (event instanceof GraphEvent e) {
        blob(PluginNames.RUN_GRAPH_TAG, PluginNames.GRAPHS, 0, e.wallTime(), source,
            "application/json", -1, Map.of("nodes", Integer.toString(e.graph().nodes().size())));
      } else if (event instanceof RunMetadataEvent e) {
        Map<String, Object> h = new TreeMap<>(hparams);
        h.putAll(e.hparams());
        hparams = Map.copyOf(h);
        Map<String, String> a = new TreeMap<>(attributes);
        putText(a, "host", e.host());
        putText(a, "command_line", e.commandLine());
        putText(a, "framework", e.framework());
        putText(a, "framework_version", e.frameworkVersion());
        if (e.startTime() > 0) {
          a.put("start_time", Double.toString(e.startTime()));
        }
        e.tags().forEach((k, v) -> a.put("label." + k, v));
        attributes = Map.copyOf(a);
        noteTimes(Long.MIN_VALUE, e.wallTime(), e.wallTime());
        pass.metadataChanged = true;
      } else if (event instanceof SessionEvent e) {
        if (e.kind() == SessionEvent.Kind.START) {
          sessions.add(new SessionInfo(e.wallTime(), e.step(), file.name));
          pass.metadataChanged = true;
        } else if (e.kind() == SessionEvent.Kind.STOP) {
          stopSession(e);
          pass.metadataChanged = true;
        }
        noteTimes(Long.MIN_VALUE, e.wallTime(), e.wallTime());
      }
    }

    /**
     * Ends the latest session still open. A stop without one (TensorBoard's hparams session end,
     * which has no start of its own) stands for a session that began with the run.
     */
    private void stopSession(SessionEvent e) {
      for (int i = sessions.size() - 1; i >= 0; i--) {
        if (!sessions.get(i).ended()) {
          sessions.set(i, sessions.get(i).endedAt(e.wallTime(), e.message()));
          return;
        }
      }
      double start = firstWall == firstWall ? Math.min(firstWall, e.wallTime()) : e.wallTime();
      sessions.add(new SessionInfo(start, 0, file.name).endedAt(e.wallTime(), e.message()));
    }

    private void tensor(String tag, String plugin, long step, double wall, TensorPayload value) {
      TensorColumn column = (TensorColumn) seriesFor(
          new SeriesKey(DataClass.TENSORS, tag), k -> new TensorColumn(name, tag, plugin, generation));
      column.addFile(file.id);
      pass.advanced(column, column.version());
      context.budget().add(column.append(step, wall, value));
      context.pointsIndexed().incrementAndGet();
      noteTimes(step, wall, wall);
    }

    private void blob(
        String tag, String plugin, long step, double wall, EventSource source, String mediaType,
        long length, Map<String, String> attributes) {
      BlobColumn column = (BlobColumn) seriesFor(
          new SeriesKey(DataClass.BLOB_SEQUENCES, tag), k -> new BlobColumn(name, tag, plugin, generation));
      column.addFile(file.id);
      pass.advanced(column, column.version());
      context.budget().add(column.append(new BlobColumn.Location(
          step, wall, file.id, source.offset(), source.length(), source.index(), mediaType, length,
          Map.copyOf(attributes))));
      context.pointsIndexed().incrementAndGet();
      noteTimes(step, wall, wall);
    }
  }

  private static void putPositive(Map<String, String> map, String key, int value) {
    if (value > 0) {
      map.put(key, Integer.toString(value));
    }
  }

  private static void putText(Map<String, String> map, String key, String value) {
    if (!value.isEmpty()) {
      map.put(key, value);
    }
  }

  private ScalarColumn scalarColumn(String tag) {
    return (ScalarColumn) seriesFor(
        new SeriesKey(DataClass.SCALARS, tag),
        k -> new ScalarColumn(name, tag, PluginNames.SCALARS, generation));
  }

  /** The series of a key, created when it is new. */
  private Series seriesFor(SeriesKey key, Function<SeriesKey, Series> create) {
    Series known = series.get(key);
    if (known != null) {
      return known;
    }
    Series created = series.computeIfAbsent(key, create);
    seriesChanges.incrementAndGet(); // after the map has it: a list built at the new count holds it
    return created;
  }

  private void noteTimes(long step, double minWall, double maxWall) {
    if (step > lastStep) {
      lastStep = step;
    }
    if (minWall == minWall && !(minWall >= firstWall)) {
      firstWall = minWall;
    }
    if (maxWall == maxWall && !(maxWall <= lastWall)) {
      lastWall = maxWall;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Queries

  Series series(DataClass dataClass, String tag) {
    return series.get(new SeriesKey(dataClass, tag));
  }

  /** Every series, sorted by data class, then tag (unmodifiable). */
  List<Series> allSeries() {
    SortedSeries last = sorted;
    int changes = seriesChanges.get();
    if (last.changes() == changes) {
      return last.series();
    }
    List<Series> all = new ArrayList<>(series.values());
    all.sort(Comparator.comparing((Series s) -> s.dataClass()).thenComparing(Series::tag));
    List<Series> built = List.copyOf(all);
    sorted = new SortedSeries(changes, built);
    return built;
  }

  private record SortedSeries(int changes, List<Series> series) {}

  double firstWallTime() {
    return firstWall;
  }

  RunInfo info() {
    List<SeriesInfo> infos = new ArrayList<>();
    for (Series s : allSeries()) {
      infos.add(s.info());
    }
    return new RunInfo(
        name, firstWall, lastWall, lastStep, List.copyOf(sessions), infos, hparams, attributes, loaded);
  }

  /**
   * Reads an evicted scalar series back from its files into memory. Returns false when the files
   * no longer hold what was indexed (the run is then rebuilt on the next poll).
   */
  boolean reload(ScalarColumn column) {
    lock.lock();
    try {
      if (column.isResident() || series.get(new SeriesKey(DataClass.SCALARS, column.tag())) != column) {
        return column.isResident();
      }
      ScalarColumn loaded = new ScalarColumn(name, column.tag(), column.pluginName(), column.generation());
      scanFiles(column, (steps, walls, values, n, first) -> loaded.append(steps, walls, values, 0, n));
      long delta = loaded.count() == column.count() ? column.restore(loaded) : Long.MIN_VALUE;
      if (delta == Long.MIN_VALUE) {
        loaded.evict();
        problem(column, "re-reading the series gave " + loaded.count() + " points where "
            + column.count() + " were indexed; reading the run again");
        rebuild();
        return false;
      }
      context.budget().add(delta);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Feeds points [from, to) of an evicted series to the sink straight from the files. */
  void scanFromFiles(ScalarColumn column, long from, long to, PointSink sink) {
    lock.lock();
    try {
      long[] index = {0};
      scanFiles(column, (steps, walls, values, n, first) -> {
        long start = index[0];
        index[0] += n;
        long lo = Math.max(from, start);
        long hi = Math.min(to, start + n);
        if (lo >= hi) {
          return;
        }
        int skip = (int) (lo - start);
        int count = (int) (hi - lo);
        if (skip > 0) {
          System.arraycopy(steps, skip, steps, 0, count);
          System.arraycopy(walls, skip, walls, 0, count);
          System.arraycopy(values, skip, values, 0, count);
        }
        sink.points(steps, walls, values, count, lo);
      });
    } finally {
      lock.unlock();
    }
  }

  /** Re-reads the series' points from the files that hold them, up to where indexing got. */
  private void scanFiles(ScalarColumn column, PointSink sink) {
    String tag = column.tag();
    BitSet ids = column.files();
    for (int id = ids.nextSetBit(0); id >= 0; id = ids.nextSetBit(id + 1)) {
      TrackedFile file = filesById.get(id);
      if (file.removed) {
        continue;
      }
      try (EventFileTail tail = EventFiles.open(file.source, context.readOptions())) {
        tail.setReadLimit(file.offset);
        tail.poll(new EventSink() {
          @Override
          public void scalars(ScalarBatch batch) {
            int t = batch.tags().indexOf(tag);
            if (t < 0) {
              return;
            }
            int[] tags = batch.tagIndices();
            int n = 0;
            for (int i = 0; i < tags.length; i++) {
              if (tags[i] == t) {
                n++;
              }
            }
            long[] s = new long[n];
            double[] w = new double[n];
            double[] v = new double[n];
            int k = 0;
            for (int i = 0; i < tags.length; i++) {
              if (tags[i] == t) {
                s[k] = batch.steps()[i];
                w[k] = batch.wallTimes()[i];
                v[k] = batch.values()[i];
                k++;
              }
            }
            sink.points(s, w, v, n, -1);
          }

          @Override
          public void event(LogEvent event, EventSource source) {
            if (event instanceof ScalarEvent e && e.tag().equals(tag)) {
              sink.points(new long[] {e.step()}, new double[] {e.wallTime()}, new double[] {e.value()}, 1, -1);
            }
          }
        });
        context.bytesRead().addAndGet(tail.offset());
        tail.drainProblems(); // reported when the file was indexed
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(
            "re-reading " + display(file.source.path()) + " failed", e);
      }
    }
  }

  /** Reads an evicted tensor series back from its files. */
  boolean reload(TensorColumn column) {
    lock.lock();
    try {
      if (column.isResident()) {
        return true;
      }
      List<TensorPayload> values = new ArrayList<>();
      String tag = column.tag();
      BitSet ids = column.files();
      for (int id = ids.nextSetBit(0); id >= 0; id = ids.nextSetBit(id + 1)) {
        TrackedFile file = filesById.get(id);
        if (file.removed) {
          continue;
        }
        try (EventFileTail tail = EventFiles.open(file.source, context.readOptions())) {
          tail.setReadLimit(file.offset);
          tail.poll(new EventSink() {
            @Override
            public void scalars(ScalarBatch batch) {}

            @Override
            public void event(LogEvent event, EventSource source) {
              if (event instanceof HistogramEvent e && e.tag().equals(tag)) {
                values.add(Payloads.histogram(e.histogram()));
              } else if (event instanceof TensorEvent e && e.tag().equals(tag)) {
                values.add(Payloads.tensor(e));
              }
            }
          });
          context.bytesRead().addAndGet(tail.offset());
          tail.drainProblems();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(
              "re-reading " + display(file.source.path()) + " failed", e);
        }
      }
      long delta = column.restore(values);
      if (delta == Long.MIN_VALUE) {
        problem(column, "re-reading the series gave " + values.size() + " steps where "
            + column.count() + " were indexed; reading the run again");
        rebuild();
        return false;
      }
      context.budget().add(delta);
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void problem(Series s, String message) {
    context.problems().add(new Problem(name, name, -1,
        "series '" + s.tag() + "': " + message, context.clock().instant()));
  }

  /** Reads one blob's event again from its file. */
  LogEvent readBlobEvent(BlobColumn.Location location, String pluginHint) throws IOException {
    TrackedFile file = location.fileId() < filesById.size() ? filesById.get(location.fileId()) : null;
    if (file == null || file.removed) {
      throw new NoSuchFileException("the file holding it was removed");
    }
    return EventFiles.readEvent(
        file.source,
        new EventSource(location.sourceOffset(), location.sourceLength(), location.sourceIndex()),
        pluginHint,
        context.readOptions());
  }

  long generation() {
    return generation;
  }
}
