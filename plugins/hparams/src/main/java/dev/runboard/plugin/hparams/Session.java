package dev.runboard.plugin.hparams;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One training session: a run that logged hyperparameters, with its metrics.
 *
 * @param run the run the session stands for: the run that logged the hparams, or its parent for
 *     PyTorch's {@code add_hparams} (a timestamp-named sub-run) and for Runboard's trainer (which
 *     logs them in {@code <experiment>/train}, beside {@code validation})
 * @param sessionRun the run that logged the hparams
 * @param runs the runs whose scalars belong to the session (selected together for the scalars
 *     dashboard)
 * @param hparams values: String, Double or Boolean
 * @param metrics by {@link MetricInfo#key()}; a metric the session lacks is absent
 * @param status {@code success}, {@code failure}, {@code running} or {@code unknown}
 * @param startTime seconds since the Unix epoch, NaN when unknown
 * @param endTime seconds since the Unix epoch, NaN while running or when unknown
 */
public record Session(
    String run,
    String sessionRun,
    List<String> runs,
    Map<String, Object> hparams,
    Map<String, MetricValue> metrics,
    String status,
    double startTime,
    double endTime) {
  public Session {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(sessionRun, "sessionRun");
    runs = List.copyOf(runs);
    hparams = Map.copyOf(hparams);
    metrics = Map.copyOf(metrics);
    Objects.requireNonNull(status, "status");
  }
}
