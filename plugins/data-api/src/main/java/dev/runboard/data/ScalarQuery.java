package dev.runboard.data;

import java.util.Objects;

/**
 * How to read scalar series.
 *
 * @param axis the axis {@code from}, {@code to} and the columns refer to
 * @param from smallest x to include, or NaN for no bound. The nearest point below it is included
 *     too, so that a line drawn from the result reaches the left edge.
 * @param to largest x to include, or NaN for no bound; the nearest point above it is included too
 * @param columns 0 for every point; otherwise downsample with M4 to this many pixel columns over
 *     the x-range: per column, the first, lowest, highest and last point (Jugel et al., VLDB
 *     2014), so that a line drawn at that width looks exactly like the full series and no spike
 *     is lost
 * @param sinceVersion -1 for the whole series; otherwise only the points appended after this
 *     version, or the whole series with {@link ScalarSeries#delta()} false when the series was
 *     rebuilt since (a file shrank) and a delta cannot be given. Only with {@code columns == 0}.
 * @param transform null, or a running transform of the values (a smoothing) applied over the
 *     whole series in logged order, whose result comes back as {@link ScalarSeries#second()};
 *     M4 then keeps that column's lowest and highest point per column too. Only with {@code
 *     columns > 0}.
 */
public record ScalarQuery(
    XAxis axis, double from, double to, int columns, long sinceVersion, ValueTransform transform) {
  public static final int MAX_COLUMNS = 1 << 20;

  public ScalarQuery {
    Objects.requireNonNull(axis, "axis");
    if (columns < 0 || columns > MAX_COLUMNS) {
      throw new IllegalArgumentException("columns must be between 0 and " + MAX_COLUMNS + ", was " + columns);
    }
    if (!Double.isNaN(from) && !Double.isNaN(to) && from > to) {
      throw new IllegalArgumentException("from (" + from + ") is greater than to (" + to + ")");
    }
    if (sinceVersion >= 0 && columns != 0) {
      throw new IllegalArgumentException("a delta read (sinceVersion) cannot be downsampled");
    }
    if (transform != null && columns == 0) {
      throw new IllegalArgumentException("a transform is applied to downsampled reads only");
    }
  }

  public ScalarQuery(XAxis axis, double from, double to, int columns, long sinceVersion) {
    this(axis, from, to, columns, sinceVersion, null);
  }

  /** Every point, by step. */
  public static ScalarQuery full() {
    return new ScalarQuery(XAxis.STEP, Double.NaN, Double.NaN, 0, -1);
  }

  /** The whole x-range by step, downsampled to {@code columns}. */
  public static ScalarQuery downsampled(int columns) {
    return new ScalarQuery(XAxis.STEP, Double.NaN, Double.NaN, columns, -1);
  }

  /** The points appended after {@code version}. */
  public static ScalarQuery since(long version) {
    return new ScalarQuery(XAxis.STEP, Double.NaN, Double.NaN, 0, version);
  }

  public ScalarQuery withRange(XAxis axis, double from, double to) {
    return new ScalarQuery(axis, from, to, columns, sinceVersion, transform);
  }

  public ScalarQuery withTransform(ValueTransform transform) {
    return new ScalarQuery(axis, from, to, columns, sinceVersion, transform);
  }
}
