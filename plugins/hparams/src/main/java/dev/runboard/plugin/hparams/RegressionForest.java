package dev.runboard.plugin.hparams;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random forest of regression trees (Breiman 2001): each tree is grown on a bootstrap sample
 * with a third of the features (at least two) drawn at each split; the rows a tree did not see are its
 * out-of-bag rows, on which {@link #permutationImportance()} measures each feature.
 */
final class RegressionForest {
  private final double[][] x;
  private final double[] y;
  private final List<RegressionTree> trees = new ArrayList<>();
  private final List<boolean[]> inBag = new ArrayList<>();
  private final SplittableRandom random;

  RegressionForest(double[][] x, double[] y, int treeCount, long seed) {
    this.x = x;
    this.y = y;
    this.random = new SplittableRandom(seed);
    int n = y.length;
    int features = x[0].length;
    // A third of the features (regression forests' usual choice), but two when there are few:
    // with one, every other split would be on a random, maybe useless, hyperparameter.
    int mtry = Math.min(features, Math.max(2, (features + 2) / 3));
    for (int t = 0; t < treeCount; t++) {
      int[] sample = new int[n];
      boolean[] bag = new boolean[n];
      for (int i = 0; i < n; i++) {
        sample[i] = random.nextInt(n);
        bag[sample[i]] = true;
      }
      trees.add(RegressionTree.fit(x, y, sample, mtry, 2, 12, random));
      inBag.add(bag);
    }
  }

  /**
   * Breiman's permutation importance on out-of-bag rows: per tree, how much the squared error on
   * the rows it did not see grows when one feature's values are shuffled among them, averaged
   * over the trees. A feature the metric does not depend on scores about 0.
   */
  double[] permutationImportance() {
    int features = x[0].length;
    double[] increase = new double[features];
    int used = 0;
    double[] row = new double[features];
    for (int t = 0; t < trees.size(); t++) {
      RegressionTree tree = trees.get(t);
      int[] oob = outOfBag(t);
      if (oob.length < 2) {
        continue;
      }
      used++;
      double base = 0;
      for (int i : oob) {
        double e = tree.predict(x[i]) - y[i];
        base += e * e;
      }
      base /= oob.length;
      for (int f = 0; f < features; f++) {
        int[] shuffled = oob.clone();
        for (int i = shuffled.length - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int swap = shuffled[i];
          shuffled[i] = shuffled[j];
          shuffled[j] = swap;
        }
        double permuted = 0;
        for (int k = 0; k < oob.length; k++) {
          System.arraycopy(x[oob[k]], 0, row, 0, features);
          row[f] = x[shuffled[k]][f];
          double e = tree.predict(row) - y[oob[k]];
          permuted += e * e;
        }
        increase[f] += permuted / oob.length - base;
      }
    }
    for (int f = 0; f < features; f++) {
      increase[f] = used == 0 ? 0 : increase[f] / used;
    }
    return increase;
  }

  /** The share of the metric's variance the forest explains on out-of-bag rows (OOB R²). */
  double outOfBagR2() {
    int n = y.length;
    double[] sum = new double[n];
    int[] count = new int[n];
    for (int t = 0; t < trees.size(); t++) {
      boolean[] bag = inBag.get(t);
      for (int i = 0; i < n; i++) {
        if (!bag[i]) {
          sum[i] += trees.get(t).predict(x[i]);
          count[i]++;
        }
      }
    }
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= n;
    double residual = 0;
    double total = 0;
    for (int i = 0; i < n; i++) {
      if (count[i] > 0) {
        double e = sum[i] / count[i] - y[i];
        residual += e * e;
        total += (y[i] - mean) * (y[i] - mean);
      }
    }
    return total == 0 ? 0 : 1 - residual / total;
  }

  private int[] outOfBag(int tree) {
    boolean[] bag = inBag.get(tree);
    int n = 0;
    for (boolean b : bag) {
      n += b ? 0 : 1;
    }
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < bag.length; i++) {
      if (!bag[i]) {
        out[k++] = i;
      }
    }
    return out;
  }
}
