package dev.runboard.plugin.hparams;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * How much each hyperparameter explains a metric across sessions, as W&B's parameter importance:
 * a random forest of 100 regression trees predicts the metric from the hyperparameters that
 * differ between sessions, and each hyperparameter's importance is its out-of-bag permutation
 * importance (the growth of the squared error when its values are shuffled), clipped at 0 and
 * scaled so that they sum to 1. Numbers are used as they are, booleans as 0/1, strings by their
 * rank in sorted order (trees split on order, so any order works for them); a missing value is
 * below every other. Sessions whose metric is missing or diverged are left out; of more than
 * {@link #MAX_SESSIONS}, a random sample of that many is used. Deterministic for a seed.
 */
public final class HParamImportance {
  /** Fewer sessions than this say nothing about importance. */
  public static final int MIN_SESSIONS = 5;
  /** Beyond this many sessions a deterministic sample of this size is used (cost grows as n log n). */
  public static final int MAX_SESSIONS = 1000;
  static final int TREES = 100;

  /**
   * @param importance the share of the explained error, 0..1, summing to 1 (all 0 when nothing
   *     is explained)
   * @param raw the permutation importance itself: squared-error growth in the metric's units²
   */
  public record Entry(String hparam, double importance, double raw) {}

  /**
   * @param sessions how many sessions had a finite value of the metric
   * @param outOfBagR2 the share of the metric's variance the forest explains on sessions it did
   *     not train on: near 0 or below, the importances mean little
   */
  public record Result(String metric, int sessions, double outOfBagR2, List<Entry> entries) {}

  private HParamImportance() {}

  /**
   * @throws IllegalArgumentException when the metric is unknown or fewer than {@link
   *     #MIN_SESSIONS} sessions have a finite value of it, or no hyperparameter differs
   */
  public static Result compute(SessionTable table, String metricKey, long seed) {
    if (table.metric(metricKey).isEmpty()) {
      throw new IllegalArgumentException("no metric '" + metricKey + "'");
    }
    List<Session> rows = new ArrayList<>();
    for (Session s : table.sessions()) {
      MetricValue v = s.metrics().get(metricKey);
      if (v != null && !v.diverged()) {
        rows.add(s);
      }
    }
    if (rows.size() > MAX_SESSIONS) {
      java.util.Collections.shuffle(rows, new java.util.Random(seed));
      rows = new ArrayList<>(rows.subList(0, MAX_SESSIONS));
    }
    if (rows.size() < MIN_SESSIONS) {
      throw new IllegalArgumentException("importance needs at least " + MIN_SESSIONS
          + " sessions with a finite value of '" + metricKey + "', there are " + rows.size());
    }
    List<HParamInfo> features = table.hparams().stream().filter(HParamInfo::differs).toList();
    if (features.isEmpty()) {
      throw new IllegalArgumentException("no hyperparameter differs between the sessions");
    }
    double[][] x = new double[rows.size()][features.size()];
    double[] y = new double[rows.size()];
    for (int f = 0; f < features.size(); f++) {
      String name = features.get(f).name();
      TreeSet<Object> distinct = new TreeSet<>(SessionTableReader::compareValues);
      double min = Double.POSITIVE_INFINITY;
      for (Session s : rows) {
        Object v = s.hparams().get(name);
        if (v != null) {
          distinct.add(v);
          if (v instanceof Double d) {
            min = Math.min(min, d);
          }
        }
      }
      List<Object> order = new ArrayList<>(distinct);
      double missing = Double.isFinite(min) ? min - 1 : -1;
      for (int i = 0; i < rows.size(); i++) {
        Object v = rows.get(i).hparams().get(name);
        x[i][f] = v == null ? missing
            : v instanceof Double d ? d
            : v instanceof Boolean b ? (b ? 1 : 0)
            : order.indexOf(v);
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      y[i] = rows.get(i).metrics().get(metricKey).value();
    }
    RegressionForest forest = new RegressionForest(x, y, TREES, seed);
    double[] raw = forest.permutationImportance();
    double total = 0;
    for (double r : raw) {
      total += Math.max(0, r);
    }
    List<Entry> entries = new ArrayList<>();
    for (int f = 0; f < features.size(); f++) {
      entries.add(new Entry(features.get(f).name(), total > 0 ? Math.max(0, raw[f]) / total : 0, raw[f]));
    }
    entries.sort(Comparator.comparingDouble(Entry::importance).reversed().thenComparing(Entry::hparam));
    return new Result(metricKey, rows.size(), forest.outOfBagR2(), entries);
  }
}
