package dev.runboard.scalars;

/** The shaded band drawn around a group's mean. */
enum Band {
  /** Mean ± the population standard deviation of the runs. */
  STD,
  /** From the lowest to the highest run. */
  MINMAX
}
