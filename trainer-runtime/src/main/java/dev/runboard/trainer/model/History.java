package dev.runboard.trainer.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keras's {@code History}: per metric name, one value per completed epoch. */
public final class History {
  private final Map<String, List<Double>> history = new LinkedHashMap<>();

  void record(Map<String, Double> logs) {
    for (Map.Entry<String, Double> e : logs.entrySet()) {
      history.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
    }
  }

  /** {@code history.history}: metric name to per-epoch values, in logging order. */
  public Map<String, List<Double>> history() {
    Map<String, List<Double>> copy = new LinkedHashMap<>();
    history.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
    return copy;
  }

  public List<Double> get(String metric) {
    List<Double> values = history.get(metric);
    return values == null ? List.of() : Collections.unmodifiableList(values);
  }

  public int epochs() {
    return history.isEmpty() ? 0 : history.values().iterator().next().size();
  }
}
