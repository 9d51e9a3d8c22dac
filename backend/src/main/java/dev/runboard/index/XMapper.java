package dev.runboard.index;

import dev.runboard.data.XAxis;

/** The x coordinate of a point on the axis a query asks for. */
final class XMapper {
  private final XAxis axis;
  private final double relativeBase;

  /** @param relativeBase the run's first wall time, subtracted on the relative axis */
  XMapper(XAxis axis, double relativeBase) {
    this.axis = axis;
    this.relativeBase = relativeBase;
  }

  double x(long step, double wall) {
    switch (axis) {
      case STEP:
        return step;
      case WALL:
        return wall;
      default:
        return wall - relativeBase;
    }
  }

  /** The x of a chunk's point. */
  double x(ScalarPoints points, int i) {
    switch (axis) {
      case STEP:
        return points.step(i);
      case WALL:
        return points.wall(i);
      default:
        return points.wall(i) - relativeBase;
    }
  }

  /**
   * Writes the x of the first {@code n} points to {@code out}; returns whether they never
   * decrease (NaN counts as unsorted).
   */
  boolean fill(long[] steps, double[] walls, int n, double[] out) {
    boolean sorted = true;
    double previous = Double.NEGATIVE_INFINITY;
    switch (axis) {
      case STEP:
        for (int i = 0; i < n; i++) {
          double x = steps[i];
          out[i] = x;
          sorted &= x >= previous;
          previous = x;
        }
        break;
      case WALL:
        for (int i = 0; i < n; i++) {
          double x = walls[i];
          out[i] = x;
          sorted &= x >= previous;
          previous = x;
        }
        break;
      default:
        for (int i = 0; i < n; i++) {
          double x = walls[i] - relativeBase;
          out[i] = x;
          sorted &= x >= previous;
          previous = x;
        }
    }
    return sorted;
  }

  /** The x-range of a series from its statistics. */
  double min(ScalarColumn.Stats stats) {
    switch (axis) {
      case STEP:
        return stats.minStep();
      case WALL:
        return stats.minWall();
      default:
        return stats.minWall() - relativeBase;
    }
  }

  double max(ScalarColumn.Stats stats) {
    switch (axis) {
      case STEP:
        return stats.maxStep();
      case WALL:
        return stats.maxWall();
      default:
        return stats.maxWall() - relativeBase;
    }
  }
}
