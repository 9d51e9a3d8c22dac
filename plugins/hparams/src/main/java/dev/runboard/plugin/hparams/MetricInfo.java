package dev.runboard.plugin.hparams;

import java.util.Objects;

/**
 * A metric column: the last (or smallest, or largest) value of the scalar {@code tag} of the run
 * {@code <session's run>/<runSuffix>} (the session's own runs when the suffix is empty), as
 * TensorBoard's metric {@code (group, tag)}.
 *
 * @param key how the metric is named in a session's metrics: {@code tag} when the suffix is
 *     empty, else {@code runSuffix/tag} ({@code validation/epoch_accuracy})
 */
public record MetricInfo(String tag, String runSuffix, String key, String displayName) {
  public MetricInfo {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(runSuffix, "runSuffix");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(displayName, "displayName");
  }

  public static MetricInfo of(String tag, String runSuffix, String displayName) {
    return new MetricInfo(tag, runSuffix, keyOf(tag, runSuffix), displayName);
  }

  static String keyOf(String tag, String runSuffix) {
    return runSuffix.isEmpty() ? tag : runSuffix + "/" + tag;
  }
}
