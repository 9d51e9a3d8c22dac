package dev.runboard.index;

/**
 * Collects the points of a series whose x lies in {@code [from, to]}, in logged order, plus the
 * nearest point outside on each side (by x), placed where it was logged, so that a line drawn
 * from the result reaches both edges of the range.
 */
final class RangeCollector implements PointSink {
  private final XMapper mapper;
  private final double from;
  private final double to;
  private final Points inside = new Points(1024);
  private long[] insideIndex = new long[1024];
  private long leftIndex = -1;
  private double leftX;
  private long leftStep;
  private double leftWall;
  private double leftValue;
  private long rightIndex = -1;
  private double rightX;
  private long rightStep;
  private double rightWall;
  private double rightValue;

  RangeCollector(XMapper mapper, double from, double to) {
    this.mapper = mapper;
    this.from = from;
    this.to = to;
  }

  @Override
  public void points(long[] steps, double[] walls, double[] values, int n, long firstIndex) {
    for (int i = 0; i < n; i++) {
      double x = mapper.x(steps[i], walls[i]);
      long idx = firstIndex + i;
      if (x < from) {
        if (leftIndex < 0 || x >= leftX) {
          leftIndex = idx;
          leftX = x;
          leftStep = steps[i];
          leftWall = walls[i];
          leftValue = values[i];
        }
      } else if (x > to) {
        if (rightIndex < 0 || x < rightX) {
          rightIndex = idx;
          rightX = x;
          rightStep = steps[i];
          rightWall = walls[i];
          rightValue = values[i];
        }
      } else if (x == x) {
        if (inside.size() == insideIndex.length) {
          insideIndex = java.util.Arrays.copyOf(insideIndex, insideIndex.length * 2);
        }
        insideIndex[inside.size()] = idx;
        inside.add(steps[i], walls[i], values[i]);
      }
    }
  }

  long total() {
    return inside.size();
  }

  /** The inside points with the two neighbours merged in at their logged positions. */
  Points result() {
    long[] s = inside.steps();
    double[] w = inside.walls();
    double[] v = inside.values();
    int[] order = order();
    Points out = new Points(order.length);
    for (int k : order) {
      if (k == LEFT) {
        out.add(leftStep, leftWall, leftValue);
      } else if (k == RIGHT) {
        out.add(rightStep, rightWall, rightValue);
      } else {
        out.add(s[k], w[k], v[k]);
      }
    }
    return out;
  }

  /** The series indices of the points {@link #result()} returns, in the same order. */
  long[] resultIndices() {
    int[] order = order();
    long[] out = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      int k = order[i];
      out[i] = k == LEFT ? leftIndex : k == RIGHT ? rightIndex : insideIndex[k];
    }
    return out;
  }

  private static final int LEFT = -1;
  private static final int RIGHT = -2;

  /** The result as positions among the inside points, {@link #LEFT} and {@link #RIGHT}. */
  private int[] order() {
    int n = inside.size();
    int[] out = new int[n + 2];
    int size = 0;
    boolean leftDone = leftIndex < 0;
    boolean rightDone = rightIndex < 0;
    for (int i = 0; i < n; i++) {
      if (!leftDone && leftIndex < insideIndex[i]) {
        out[size++] = LEFT;
        leftDone = true;
      }
      if (!rightDone && rightIndex < insideIndex[i]) {
        out[size++] = RIGHT;
        rightDone = true;
      }
      out[size++] = i;
    }
    if (!leftDone && !rightDone && rightIndex < leftIndex) {
      out[size++] = RIGHT;
      rightDone = true;
    }
    if (!leftDone) {
      out[size++] = LEFT;
    }
    if (!rightDone) {
      out[size++] = RIGHT;
    }
    return java.util.Arrays.copyOf(out, size);
  }
}
