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
