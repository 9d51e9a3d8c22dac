package dev.runboard.plugin.hparams;

import java.util.List;
import java.util.Optional;

/** Every session with its hyperparameters and metrics: what the hparams views show. */
public record SessionTable(
    List<HParamInfo> hparams, List<MetricInfo> metrics, List<Session> sessions, MetricAggregation aggregation) {
  public SessionTable {
    hparams = List.copyOf(hparams);
    metrics = List.copyOf(metrics);
    sessions = List.copyOf(sessions);
  }

  public Optional<HParamInfo> hparam(String name) {
    return hparams.stream().filter(h -> h.name().equals(name)).findFirst();
  }

  public Optional<MetricInfo> metric(String key) {
    return metrics.stream().filter(m -> m.key().equals(key)).findFirst();
  }

  /** The same columns with only the given sessions. */
  public SessionTable withSessions(List<Session> subset) {
    return new SessionTable(hparams, metrics, subset, aggregation);
  }
}
