package dev.runboard.plugin.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Per run, the entries of one tag by step (a step logged again, by a resumed run, keeps its last
 * entry), and the steps of every run together: what a card with one step slider for all its runs
 * chooses from.
 *
 * @param <T> an entry (a step's text, PR curve, ...)
 */
final class RunSteps<T> {
  private final ToDoubleFunction<T> wallTime;
  private final Map<String, TreeMap<Long, T>> byRun = new LinkedHashMap<>();

  /** @param wallTime an entry's wall time, shown by the slider */
  RunSteps(ToDoubleFunction<T> wallTime) {
    this.wallTime = wallTime;
  }

  /** Replaces a run's entries. */
  void put(String run, TreeMap<Long, T> entries) {
    byRun.put(run, entries);
  }

  /** Keeps only these runs. */
  void retain(java.util.Collection<String> runs) {
    byRun.keySet().retainAll(runs);
  }

  /** The run's entry at the step, or at the nearest step before it; null when none. */
  T at(String run, long step) {
    TreeMap<Long, T> entries = byRun.get(run);
    if (entries == null) {
      return null;
    }
    Map.Entry<Long, T> e = entries.floorEntry(step);
    return e == null ? null : e.getValue();
  }

  /** Gives the slider every run's steps, with the latest wall time logged at each. */
  void updateSlider(StepSlider slider) {
    TreeMap<Long, Double> walls = new TreeMap<>();
    for (TreeMap<Long, T> entries : byRun.values()) {
      entries.forEach((step, entry) -> walls.merge(step, wallTime.applyAsDouble(entry), Math::max));
    }
    long[] steps = new long[walls.size()];
    double[] w = new double[walls.size()];
    int i = 0;
    for (Map.Entry<Long, Double> e : walls.entrySet()) {
      steps[i] = e.getKey();
      w[i++] = e.getValue();
    }
    slider.setSteps(steps, w);
  }
}
