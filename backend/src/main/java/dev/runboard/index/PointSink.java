package dev.runboard.index;

/**
 * Receives the points of a scalar series in logged order, a block at a time: from memory ({@link
 * ScalarColumn#scan}) or, for a series not held in memory, straight from its log files.
 */
public interface PointSink {
  /**
   * Points {@code [0, n)} of the arrays, the first being the series' point number {@code
   * firstIndex}. The arrays are reused after the call returns.
   */
  void points(long[] steps, double[] wallTimes, double[] values, int n, long firstIndex);
}
