package dev.runboard.index;

/**
 * Read access to one chunk of a scalar series' points, in logged order: the open {@link
 * ScalarChunk} that appends go to, or a full one sealed off the heap ({@link SealedChunk}). Not
 * thread-safe: {@link ScalarColumn} guards it.
 */
interface ScalarPoints {
  int size();

  long minStep();

  long maxStep();

  double minWall();

  double maxWall();

  long step(int i);

  double wall(int i);

  double value(int i);

  /** Copies points {@code [from, to)} into the arrays at {@code at}. */
  void copyTo(int from, int to, long[] steps, double[] wallTimes, double[] values, int at);

  /** Bytes held, on and off the heap, object headers included. */
  long residentBytes();
}
