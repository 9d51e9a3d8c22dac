package dev.runboard.eventlog;

import java.util.Map;
import java.util.Objects;

/**
 * What a run is: its hyperparameters and where it ran (the hparams dashboard compares runs by
 * these). Fields the writer did not know are empty strings.
 *
 * @param hparams hyperparameter values: {@link String}, {@link Double} or {@link Boolean} only
 * @param startTime seconds since the Unix epoch when the run started
 * @param tags free-form labels ({@code "dataset" -> "fashion-mnist"})
 */
public record RunMetadataEvent(
    double wallTime,
    Map<String, Object> hparams,
    double startTime,
    String host,
    String commandLine,
    String framework,
    String frameworkVersion,
    Map<String, String> tags)
    implements LogEvent {
  public RunMetadataEvent {
    hparams = Map.copyOf(hparams);
    for (Map.Entry<String, Object> e : hparams.entrySet()) {
      if (!(e.getValue() instanceof String
          || e.getValue() instanceof Double
          || e.getValue() instanceof Boolean)) {
        throw new IllegalArgumentException(
            "hparam '" + e.getKey() + "' must be a String, Double or Boolean, got "
                + e.getValue().getClass().getSimpleName());
      }
    }
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(commandLine, "commandLine");
    Objects.requireNonNull(framework, "framework");
    Objects.requireNonNull(frameworkVersion, "frameworkVersion");
    tags = Map.copyOf(tags);
  }
}
