package dev.runboard.plugin.hparams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which sessions to show: conditions on hyperparameters (by name) and metrics (by key), all of
 * which must hold, and the statuses allowed (any, when empty). Shared by the API's filters, the
 * table's column filters and the parallel-coordinates brushes.
 */
public record SessionFilter(
    Map<String, ColumnCondition> hparams, Map<String, ColumnCondition> metrics, Set<String> statuses) {
  public static final Set<String> STATUSES = Set.of("success", "failure", "running", "unknown");

  public SessionFilter {
    hparams = Map.copyOf(hparams);
    metrics = Map.copyOf(metrics);
    statuses = Set.copyOf(statuses);
    for (String s : statuses) {
      if (!STATUSES.contains(s)) {
        throw new IllegalArgumentException("unknown status '" + s + "': one of success, failure, running, unknown");
      }
    }
  }

  public static SessionFilter none() {
    return new SessionFilter(Map.of(), Map.of(), Set.of());
  }

  public boolean test(Session session) {
    if (!statuses.isEmpty() && !statuses.contains(session.status())) {
      return false;
    }
    for (Map.Entry<String, ColumnCondition> e : hparams.entrySet()) {
      if (!e.getValue().test(session.hparams().get(e.getKey()))) {
        return false;
      }
    }
    for (Map.Entry<String, ColumnCondition> e : metrics.entrySet()) {
      MetricValue v = session.metrics().get(e.getKey());
      if (!e.getValue().test(v == null ? null : (Object) v.value())) {
        return false;
      }
    }
    return true;
  }

  public List<Session> apply(List<Session> sessions) {
    List<Session> out = new ArrayList<>();
    for (Session s : sessions) {
      if (test(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** This filter with the condition on a hyperparameter set (or removed, when null). */
  public SessionFilter withHParam(String name, ColumnCondition condition) {
    Map<String, ColumnCondition> h = new LinkedHashMap<>(hparams);
    if (condition == null) {
      h.remove(name);
    } else {
      h.put(name, condition);
    }
    return new SessionFilter(h, metrics, statuses);
  }

  /** This filter with the condition on a metric set (or removed, when null). */
  public SessionFilter withMetric(String key, ColumnCondition condition) {
    Map<String, ColumnCondition> m = new LinkedHashMap<>(metrics);
    if (condition == null) {
      m.remove(key);
    } else {
      m.put(key, condition);
    }
    return new SessionFilter(hparams, m, statuses);
  }

  public SessionFilter withStatuses(Set<String> allowed) {
    return new SessionFilter(hparams, metrics, allowed);
  }
}
