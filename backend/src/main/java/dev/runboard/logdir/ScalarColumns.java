package dev.runboard.logdir;

import dev.runboard.plugin.ScalarSeries;
import java.util.Arrays;

/**
 * All points of one tag of one run, as growable primitive columns: full resolution, no boxing.
 * Appended by the indexing thread, read by request and UI threads.
 */
final class ScalarColumns {
  private final String run;
  private final String tag;
  private long[] steps = new long[64];
  private double[] wallTimes = new double[64];
  private double[] values = new double[64];
  private int size;

  ScalarColumns(String run, String tag) {
    this.run = run;
    this.tag = tag;
  }

  synchronized void append(long step, double wallTime, double value) {
    if (size == steps.length) {
      int capacity = steps.length * 2;
      steps = Arrays.copyOf(steps, capacity);
      wallTimes = Arrays.copyOf(wallTimes, capacity);
      values = Arrays.copyOf(values, capacity);
    }
    steps[size] = step;
    wallTimes[size] = wallTime;
    values[size] = value;
    size++;
  }

  synchronized int size() {
    return size;
  }

  /** Points {@code [from, size)} as a series whose offset is {@code from}. */
  synchronized ScalarSeries since(int from) {
    return new ScalarSeries(
        run,
        tag,
        from,
        Arrays.copyOfRange(steps, from, size),
        Arrays.copyOfRange(wallTimes, from, size),
        Arrays.copyOfRange(values, from, size));
  }
}
