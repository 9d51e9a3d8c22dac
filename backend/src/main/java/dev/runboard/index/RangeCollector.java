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
    Points out = new Points(inside.size() + 2);
    long[] s = inside.steps();
    double[] w = inside.walls();
    double[] v = inside.values();
    boolean leftDone = leftIndex < 0;
    boolean rightDone = rightIndex < 0;
    for (int i = 0; i < s.length; i++) {
      if (!leftDone && leftIndex < insideIndex[i]) {
        out.add(leftStep, leftWall, leftValue);
        leftDone = true;
      }
      if (!rightDone && rightIndex < insideIndex[i]) {
        out.add(rightStep, rightWall, rightValue);
        rightDone = true;
      }
      out.add(s[i], w[i], v[i]);
    }
    if (!leftDone && !rightDone && rightIndex < leftIndex) {
      out.add(rightStep, rightWall, rightValue);
      rightDone = true;
    }
    if (!leftDone) {
      out.add(leftStep, leftWall, leftValue);
    }
    if (!rightDone) {
      out.add(rightStep, rightWall, rightValue);
    }
    return out;
  }
}
