package dev.runboard.index;

/**
 * Where the points of a scalar series can be read from: its resident chunks, or its log files
 * when it was evicted.
 */
interface PointSource {
  /** Feeds points {@code [from, to)} in logged order to the sink. */
  void scan(long from, long to, PointSink sink);
}
