package dev.runboard.data;

/** The horizontal axis a scalar read ranges and buckets over, as TensorBoard's x-axis switch. */
public enum XAxis {
  /** The training step. */
  STEP,
  /** Seconds since the run's first event ({@link RunInfo#firstWallTime()}). */
  RELATIVE,
  /** Seconds since the Unix epoch. */
  WALL
}
