package dev.runboard.plugin.hparams;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A CART regression tree (Breiman et al. 1984): each split is the threshold on one of {@code
 * mtry} randomly drawn features that most reduces the squared error, until a node is pure, too
 * small ({@code minLeaf}) or too deep. The building block of {@link RegressionForest}.
 */
final class RegressionTree {
  private int[] feature = new int[16];
  private double[] threshold = new double[16];
  private int[] left = new int[16];
  private int[] right = new int[16];
  private double[] value = new double[16];
  private int size;

  /** Fits rows {@code rows} (repeats allowed: a bootstrap sample) of {@code x}, {@code y}. */
  static RegressionTree fit(double[][] x, double[] y, int[] rows, int mtry, int minLeaf, int maxDepth,
      SplittableRandom random) {
    RegressionTree tree = new RegressionTree();
    tree.grow(x, y, rows.clone(), 0, rows.length, 0, mtry, minLeaf, maxDepth, random);
    return tree;
  }

  double predict(double[] row) {
    int node = 0;
    while (feature[node] >= 0) {
      node = row[feature[node]] <= threshold[node] ? left[node] : right[node];
    }
    return value[node];
  }

  private int newNode() {
    if (size == feature.length) {
      int n = size * 2;
      feature = Arrays.copyOf(feature, n);
      threshold = Arrays.copyOf(threshold, n);
      left = Arrays.copyOf(left, n);
      right = Arrays.copyOf(right, n);
      value = Arrays.copyOf(value, n);
    }
    feature[size] = -1;
    return size++;
  }

  /** Grows the node for rows[from, to) and returns its index. */
  private int grow(double[][] x, double[] y, int[] rows, int from, int to, int depth, int mtry, int minLeaf,
      int maxDepth, SplittableRandom random) {
    int node = newNode();
    int n = to - from;
    double sum = 0;
    double squares = 0;
    for (int i = from; i < to; i++) {
      sum += y[rows[i]];
      squares += y[rows[i]] * y[rows[i]];
    }
    value[node] = sum / n;
    double error = squares - sum * sum / n;
    if (n < 2 * minLeaf || depth >= maxDepth || error <= 1e-12 * Math.max(1, squares)) {
      return node;
    }
    int features = x[0].length;
    int[] candidates = drawFeatures(features, mtry, random);
    int bestFeature = -1;
    double bestThreshold = 0;
    double bestError = error;
    Integer[] order = new Integer[n];
    for (int f : candidates) {
      for (int i = 0; i < n; i++) {
        order[i] = rows[from + i];
      }
      Arrays.sort(order, (a, b) -> Double.compare(x[a][f], x[b][f]));
      double leftSum = 0;
      double leftSquares = 0;
      for (int i = 0; i < n - 1; i++) {
        double v = y[order[i]];
        leftSum += v;
        leftSquares += v * v;
        int leftCount = i + 1;
        int rightCount = n - leftCount;
        if (leftCount < minLeaf || rightCount < minLeaf || x[order[i]][f] == x[order[i + 1]][f]) {
          continue;
        }
        double rightSum = sum - leftSum;
        double rightSquares = squares - leftSquares;
        double splitError = leftSquares - leftSum * leftSum / leftCount + rightSquares - rightSum * rightSum / rightCount;
        if (splitError < bestError - 1e-12) {
          bestError = splitError;
          bestFeature = f;
          bestThreshold = (x[order[i]][f] + x[order[i + 1]][f]) / 2;
        }
      }
    }
    if (bestFeature < 0) {
      return node;
    }
    // Partition rows[from, to) by the split.
    int mid = from;
    for (int i = from; i < to; i++) {
      if (x[rows[i]][bestFeature] <= bestThreshold) {
        int swap = rows[mid];
        rows[mid++] = rows[i];
        rows[i] = swap;
      }
    }
    feature[node] = bestFeature;
    threshold[node] = bestThreshold;
    int l = grow(x, y, rows, from, mid, depth + 1, mtry, minLeaf, maxDepth, random);
    left[node] = l;
    int r = grow(x, y, rows, mid, to, depth + 1, mtry, minLeaf, maxDepth, random);
    right[node] = r;
    return node;
  }

  private static int[] drawFeatures(int features, int mtry, SplittableRandom random) {
    int[] all = new int[features];
    for (int i = 0; i < features; i++) {
      all[i] = i;
    }
    for (int i = 0; i < Math.min(mtry, features); i++) {
      int j = i + random.nextInt(features - i);
      int swap = all[i];
      all[i] = all[j];
      all[j] = swap;
    }
    return Arrays.copyOf(all, Math.min(mtry, features));
  }
}
