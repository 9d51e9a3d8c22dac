package dev.runboard.index;

import dev.runboard.data.DataClass;
import dev.runboard.data.SeriesInfo;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A scalar series: its points in chunks when resident (full ones sealed, the last one open for
 * appends), and statistics that survive eviction (count, step and wall-time range,
 * order), so that listing, ranges and versions never need the points.
 *
 * <p>One writer at a time (the run's loader) and any number of readers: a read-write lock lets
 * readers share while appends are exclusive.
 */
final class ScalarColumn extends Series {
  private static final int SCAN_BLOCK = ScalarChunk.CAPACITY;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private ScalarPoints[] chunks = new ScalarPoints[1]; // null when not resident
  private int chunkCount;
  private ScalarChunk open; // the last chunk, while it takes appends
  private long count;
  private long minStep = Long.MAX_VALUE;
  private long maxStep = Long.MIN_VALUE;
  private long lastStep;
  private double firstWall = Double.NaN;
  private double lastWall = Double.NaN;
  private double minWall = Double.POSITIVE_INFINITY;
  private double maxWall = Double.NEGATIVE_INFINITY;
  private boolean stepsSorted = true;
  private boolean wallsSorted = true;
  private long residentBytes;
  /** Bytes of the full chunks: only the open chunk changes size while appending. */
  private long sealedBytes;

  ScalarColumn(String run, String tag, String pluginName, long generation) {
    super(run, tag, pluginName, generation);
  }

  @Override
  DataClass dataClass() {
    return DataClass.SCALARS;
  }

  /** Appends rows {@code [from, from + n)} of the columns; returns the change in resident bytes. */
  long append(long[] steps, double[] wallTimes, double[] values, int from, int n) {
    return append(steps, wallTimes, values, null, from, 1, n);
  }

  /**
   * Appends {@code n} rows of the columns, row {@code k} being {@code rows[from + k]}, or {@code
   * from + k * stride} when {@code rows} is null (see {@link TagPartition}); returns the change in
   * resident bytes.
   */
  long append(long[] steps, double[] wallTimes, double[] values, int[] rows, int from, int stride, int n) {
    if (n == 0) {
      return 0;
    }
    lock.writeLock().lock();
    try {
      if (chunks == null) {
        updateStats(steps, wallTimes, rows, from, stride, n);
        return 0;
      }
      // The statistics come from the chunks' own, which the append loop keeps: one pass over
      // the points, not two. Only the order across chunk boundaries is checked here.
      long before = residentBytes;
      int done = 0;
      while (done < n) {
        if (open == null) {
          if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunks.length * 2);
          }
          // A series that already filled a chunk is long: the next chunk starts full-sized.
          open = new ScalarChunk(chunkCount == 0 ? n - done : ScalarChunk.CAPACITY);
          chunks[chunkCount++] = open;
        }
        int at = rows == null ? from + done * stride : from + done;
        int first = rows == null ? at : rows[at];
        if (count > 0 && open.size() == 0) {
          noteOrder(steps[first], wallTimes[first]);
        } else if (count == 0) {
          firstWall = wallTimes[first];
        }
        int taken = open.append(steps, wallTimes, values, rows, at, stride, n - done);
        done += taken;
        count += taken;
        int last = rows == null ? at + (taken - 1) * stride : rows[at + taken - 1];
        lastStep = steps[last];
        lastWall = wallTimes[last];
        noteChunk(open);
        if (open.isFull()) {
          sealOpenChunk();
        }
      }
      residentBytes = computeResidentBytes();
      return residentBytes - before;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The order between the last point held and the next, the first of a new chunk. */
  private void noteOrder(long step, double wall) {
    if (step < lastStep) {
      stepsSorted = false;
    }
    if (!(wall >= lastWall)) { // a NaN wall time leaves them unsorted too
      wallsSorted = false;
    }
  }

  /** Takes in a chunk's statistics after an append to it. */
  private void noteChunk(ScalarChunk chunk) {
    stepsSorted &= chunk.stepsSorted();
    wallsSorted &= chunk.wallsSorted();
    minStep = Math.min(minStep, chunk.minStep());
    maxStep = Math.max(maxStep, chunk.maxStep());
    if (chunk.minWall() < minWall) {
      minWall = chunk.minWall();
    }
    if (chunk.maxWall() > maxWall) {
      maxWall = chunk.maxWall();
    }
  }

  /** The statistics of appended points when they are not kept (the column is evicted). */
  private void updateStats(long[] steps, double[] wallTimes, int[] rows, int from, int stride, int n) {
    // Locals in the loop, fields once after it: this runs for every point ingested.
    long previousStep = lastStep;
    double previousWall = lastWall;
    boolean sortedSteps = stepsSorted;
    boolean sortedWalls = wallsSorted;
    long lo = minStep;
    long hi = maxStep;
    double loWall = minWall;
    double hiWall = maxWall;
    if (count == 0) {
      int i = rows == null ? from : rows[from];
      firstWall = wallTimes[i];
      previousStep = steps[i];
      previousWall = wallTimes[i];
    }
    for (int k = 0; k < n; k++) {
      int i = rows == null ? from + k * stride : rows[from + k];
      long step = steps[i];
      double wall = wallTimes[i];
      if (step < previousStep) {
        sortedSteps = false;
      }
      if (!(wall >= previousWall)) { // a NaN wall time leaves them unsorted too
        sortedWalls = false;
      }
      previousStep = step;
      previousWall = wall;
      if (step < lo) {
        lo = step;
      }
      if (step > hi) {
        hi = step;
      }
      if (wall < loWall) {
        loWall = wall;
      }
      if (wall > hiWall) {
        hiWall = wall;
      }
    }
    count += n;
    lastStep = previousStep;
    lastWall = previousWall;
    stepsSorted = sortedSteps;
    wallsSorted = sortedWalls;
    minStep = lo;
    maxStep = hi;
    minWall = loWall;
    maxWall = hiWall;
  }

  /** Replaces the full open chunk by its sealed form, which takes over its arrays. */
  private void sealOpenChunk() {
    SealedChunk sealed = open.seal();
    chunks[chunkCount - 1] = sealed;
    sealedBytes += sealed.residentBytes();
    open = null;
  }

  /** Trims the open chunk's spare capacity (the series went quiet); returns the change in bytes. */
  long trim() {
    lock.writeLock().lock();
    try {
      if (chunks == null) {
        return 0;
      }
      long before = residentBytes;
      if (open != null) {
        open.trim();
      }
      residentBytes = computeResidentBytes();
      return residentBytes - before;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private long computeResidentBytes() {
    long openBytes = open == null ? 0 : open.residentBytes();
    return 176 + 8L * chunks.length + sealedBytes + openBytes;
  }

  /**
   * Replaces the points by those of {@code loaded} (read again from the files), if it holds the
   * same points the column counted; returns the change in resident bytes, or {@code
   * Long.MIN_VALUE} when the counts differ (the files changed under the reload).
   */
  long restore(ScalarColumn loaded) {
    lock.writeLock().lock();
    try {
      if (loaded.count != count) {
        return Long.MIN_VALUE;
      }
      long before = residentBytes;
      chunks = loaded.chunks;
      chunkCount = loaded.chunkCount;
      open = loaded.open;
      sealedBytes = loaded.sealedBytes;
      residentBytes = computeResidentBytes();
      return residentBytes - before;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  long evict() {
    lock.writeLock().lock();
    try {
      long freed = chunks == null ? 0 : residentBytes;
      chunks = null;
      chunkCount = 0;
      open = null;
      sealedBytes = 0;
      residentBytes = 0;
      return freed;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  boolean isResident() {
    lock.readLock().lock();
    try {
      return chunks != null;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  long residentBytes() {
    lock.readLock().lock();
    try {
      return residentBytes;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  long count() {
    lock.readLock().lock();
    try {
      return count;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A consistent copy of the statistics. */
  Stats stats() {
    lock.readLock().lock();
    try {
      return new Stats(
          count, version(), count == 0 ? 0 : minStep, count == 0 ? 0 : maxStep,
          firstWall, lastWall, minWall, maxWall, stepsSorted, wallsSorted);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** What is known of the series without its points. */
  record Stats(
      long count,
      long version,
      long minStep,
      long maxStep,
      double firstWall,
      double lastWall,
      double minWall,
      double maxWall,
      boolean stepsSorted,
      boolean wallsSorted) {}

  @Override
  SeriesInfo info() {
    Stats s = stats();
    return new SeriesInfo(
        run(), tag(), DataClass.SCALARS, pluginName(), s.count, s.minStep, s.maxStep,
        s.count == 0 ? 0 : s.lastWall, s.version);
  }

  /**
   * Feeds points {@code [from, to)} (clamped to what is held) to the sink in logged order, under
   * the read lock, and returns the version they were read at; returns -1 without reading when
   * the column is not resident.
   */
  long scan(long from, long to, PointSink sink) {
    if (!isResident()) {
      return -1; // before the blocks are allocated: an evicted series is read from its files
    }
    long[] steps = new long[SCAN_BLOCK];
    double[] walls = new double[SCAN_BLOCK];
    double[] values = new double[SCAN_BLOCK];
    return visit(from, to, (chunk, lo, hi, chunkStart) -> {
      chunk.copyTo(lo, hi, steps, walls, values, 0);
      sink.points(steps, walls, values, hi - lo, chunkStart + lo);
    });
  }

  /**
   * Feeds points {@code [from, to)} (clamped to what is held) to an M4 chunk by chunk, for a
   * column sorted on the M4's axis, under the read lock; returns the version read, or -1 without
   * reading when the column is not resident.
   */
  long bucketSorted(long from, long to, M4 m4) {
    return visit(from, to, m4::sorted);
  }

  /** Points {@code [lo, hi)} of a chunk whose first point is the series' point {@code chunkStart}. */
  @FunctionalInterface
  private interface ChunkVisitor {
    void visit(ScalarPoints chunk, int lo, int hi, long chunkStart);
  }

  /**
   * Visits the chunks' parts holding points {@code [from, to)} (clamped to what is held) in
   * order, under the read lock; returns the version read, or -1 without visiting when the column
   * is not resident.
   */
  private long visit(long from, long to, ChunkVisitor visitor) {
    lock.readLock().lock();
    try {
      if (chunks == null) {
        return -1;
      }
      long end = Math.min(to, count);
      long chunkStart = 0;
      for (int c = 0; c < chunkCount && chunkStart < end; c++) {
        ScalarPoints chunk = chunks[c];
        long chunkEnd = chunkStart + chunk.size();
        if (chunkEnd > from) {
          int lo = (int) Math.max(0, from - chunkStart);
          int hi = (int) Math.min(chunk.size(), end - chunkStart);
          visitor.visit(chunk, lo, hi, chunkStart);
        }
        chunkStart = chunkEnd;
      }
      return version();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The index of the first point whose step is at least {@code step} (count when none), for a
   * column whose steps never decrease; -1 when they do or the column is not resident.
   */
  long firstIndexAtStep(double step) {
    return search(step, true);
  }

  /** As {@link #firstIndexAtStep} for wall times. */
  long firstIndexAtWall(double wall) {
    return search(wall, false);
  }

  private long search(double x, boolean byStep) {
    lock.readLock().lock();
    try {
      if (chunks == null || !(byStep ? stepsSorted : wallsSorted)) {
        return -1;
      }
      long chunkStart = 0;
      for (int c = 0; c < chunkCount; c++) {
        ScalarPoints chunk = chunks[c];
        double chunkMax = byStep ? chunk.maxStep() : chunk.maxWall();
        if (chunkMax >= x) {
          int lo = 0;
          int hi = chunk.size();
          while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double v = byStep ? chunk.step(mid) : chunk.wall(mid);
            if (v < x) {
              lo = mid + 1;
            } else {
              hi = mid;
            }
          }
          return chunkStart + lo;
        }
        chunkStart += chunk.size();
      }
      return count;
    } finally {
      lock.readLock().unlock();
    }
  }
}
