package dev.runboard.index;

import dev.runboard.data.DataClass;
import dev.runboard.data.SeriesInfo;
import java.util.BitSet;

/**
 * One tag of one run, of one data class: what every kind of series shares. The points themselves
 * live in the subclasses; this holds identity, the version, which of the run's files hold the
 * series (to read it again after eviction), and when it was last read (for eviction).
 *
 * <p>The version is {@code generation << 40 | count}: it grows with every append, and a rebuild
 * of the run starts a new generation, so it still grows when the count starts over.
 */
abstract class Series {
  static final int GENERATION_SHIFT = 40;

  private final String run;
  private final String tag;
  private final String pluginName;
  private final long generation;
  private final BitSet files = new BitSet();
  private volatile long lastReadNanos;

  Series(String run, String tag, String pluginName, long generation) {
    this.run = run;
    this.tag = tag;
    this.pluginName = pluginName;
    this.generation = generation;
  }

  final String run() {
    return run;
  }

  final String tag() {
    return tag;
  }

  final String pluginName() {
    return pluginName;
  }

  abstract DataClass dataClass();

  /** Entries appended in this generation, held in memory or not. */
  abstract long count();

  final long version() {
    return versionOf(generation, count());
  }

  static long versionOf(long generation, long count) {
    return (generation << GENERATION_SHIFT) | count;
  }

  static long countOf(long version) {
    return version & ((1L << GENERATION_SHIFT) - 1);
  }

  static long generationOf(long version) {
    return version >>> GENERATION_SHIFT;
  }

  final long generation() {
    return generation;
  }

  /** Marks that file number {@code fileId} of the run holds entries of this series. */
  final void addFile(int fileId) {
    synchronized (files) {
      files.set(fileId);
    }
  }

  final BitSet files() {
    synchronized (files) {
      return (BitSet) files.clone();
    }
  }

  final void touch(long nanos) {
    lastReadNanos = nanos;
  }

  final long lastReadNanos() {
    return lastReadNanos;
  }

  /** Bytes held; what eviction would free. */
  abstract long residentBytes();

  /** Whether the entries are in memory; a series that is not reads them from its files. */
  abstract boolean isResident();

  /** Drops the entries from memory, keeping count, version and statistics; returns bytes freed. */
  abstract long evict();

  /**
   * The run dropped this series (rebuilt or removed); returns the bytes it stops counting. The
   * entries are left to the collector, so that a read under way still finishes on them.
   */
  long release() {
    return residentBytes();
  }

  abstract SeriesInfo info();
}
