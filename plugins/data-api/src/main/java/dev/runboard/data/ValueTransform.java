package dev.runboard.data;

/**
 * A running function of a scalar series' values in logged order, such as a smoothing in which
 * each value depends only on the points before it. A downsampled read applies it while it scans
 * (see {@link ScalarQuery#transform()}), so that the smoothed line of a long series is bucketed
 * without the series being copied first; the result travels as {@link ScalarSeries#second()}.
 */
public interface ValueTransform {
  /** A fresh state, for one series read from its first point. */
  Running start();

  /** The transform's state over one series. */
  interface Running {
    /**
     * Writes the transformed values of the next {@code n} points to {@code out}.
     *
     * @param x each point's x on the query's axis
     */
    void next(double[] x, double[] values, double[] out, int n);

    /**
     * After the last point: whether the series is to be shown as it is after all (as a
     * smoothing leaves a constant series); the second column is then the values themselves.
     */
    boolean unchanged();
  }
}
