package dev.runboard.index;

import java.util.Arrays;

/** A growable set of scalar points as three primitive columns. */
final class Points {
  private long[] steps;
  private double[] walls;
  private double[] values;
  private int size;

  Points(int capacity) {
    int c = Math.max(4, capacity);
    steps = new long[c];
    walls = new double[c];
    values = new double[c];
  }

  void add(long step, double wall, double value) {
    if (size == steps.length) {
      int c = steps.length * 2;
      steps = Arrays.copyOf(steps, c);
      walls = Arrays.copyOf(walls, c);
      values = Arrays.copyOf(values, c);
    }
    steps[size] = step;
    walls[size] = wall;
    values[size] = value;
    size++;
  }

  int size() {
    return size;
  }

  long[] steps() {
    return Arrays.copyOf(steps, size);
  }

  double[] walls() {
    return Arrays.copyOf(walls, size);
  }

  double[] values() {
    return Arrays.copyOf(values, size);
  }
}
