package dev.runboard.eventlog.tfevents;

import com.google.protobuf.Value;
import dev.runboard.eventlog.tfevents.proto.HParamsProtos.Experiment;
import dev.runboard.eventlog.tfevents.proto.HParamsProtos.HParamInfo;
import dev.runboard.eventlog.tfevents.proto.HParamsProtos.MetricInfo;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The hparams plugin's experiment summary as the JSON bytes of a blob ({@code hparams} plugin,
 * media type {@code application/json}), so that readers need neither protobuf nor TensorBoard's
 * classes:
 *
 * <pre>{@code
 * {"name": "", "description": "", "time_created_secs": 0.0,
 *  "hparams": [{"name", "display_name", "description", "type": "string|bool|float64|unset",
 *               "domain": {"values": [...]} | {"min": x, "max": y} | absent}],
 *  "metrics": [{"group", "tag", "display_name", "description",
 *               "dataset_type": "training|validation|unknown"}]}
 * }</pre>
 *
 * A metric is the scalar {@code tag} of the run {@code <session run>/<group>} (the session's own
 * run when the group is empty). Non-finite numbers are written as {@code null}.
 */
final class ExperimentJson {
  private ExperimentJson() {}

  static byte[] of(Experiment experiment) {
    StringBuilder out = new StringBuilder(256);
    out.append("{\"name\":");
    string(out, experiment.getName());
    out.append(",\"description\":");
    string(out, experiment.getDescription());
    out.append(",\"time_created_secs\":");
    number(out, experiment.getTimeCreatedSecs());
    out.append(",\"hparams\":[");
    for (int i = 0; i < experiment.getHparamInfosCount(); i++) {
      if (i > 0) {
        out.append(',');
      }
      hparam(out, experiment.getHparamInfos(i));
    }
    out.append("],\"metrics\":[");
    for (int i = 0; i < experiment.getMetricInfosCount(); i++) {
      if (i > 0) {
        out.append(',');
      }
      metric(out, experiment.getMetricInfos(i));
    }
    out.append("]}");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void hparam(StringBuilder out, HParamInfo info) {
    out.append("{\"name\":");
    string(out, info.getName());
    out.append(",\"display_name\":");
    string(out, info.getDisplayName());
    out.append(",\"description\":");
    string(out, info.getDescription());
    out.append(",\"type\":");
    string(out, info.getType().name().replace("DATA_TYPE_", "").toLowerCase(Locale.ROOT));
    if (info.hasDomainDiscrete()) {
      out.append(",\"domain\":{\"values\":[");
      for (int i = 0; i < info.getDomainDiscrete().getValuesCount(); i++) {
        if (i > 0) {
          out.append(',');
        }
        value(out, info.getDomainDiscrete().getValues(i));
      }
      out.append("]}");
    } else if (info.hasDomainInterval()) {
      out.append(",\"domain\":{\"min\":");
      number(out, info.getDomainInterval().getMinValue());
      out.append(",\"max\":");
      number(out, info.getDomainInterval().getMaxValue());
      out.append('}');
    }
    out.append('}');
  }

  private static void metric(StringBuilder out, MetricInfo info) {
    out.append("{\"group\":");
    string(out, info.getName().getGroup());
    out.append(",\"tag\":");
    string(out, info.getName().getTag());
    out.append(",\"display_name\":");
    string(out, info.getDisplayName());
    out.append(",\"description\":");
    string(out, info.getDescription());
    out.append(",\"dataset_type\":");
    string(out, info.getDatasetType().name().replace("DATASET_", "").toLowerCase(Locale.ROOT));
    out.append('}');
  }

  private static void value(StringBuilder out, Value value) {
    switch (value.getKindCase()) {
      case NUMBER_VALUE -> number(out, value.getNumberValue());
      case STRING_VALUE -> string(out, value.getStringValue());
      case BOOL_VALUE -> out.append(value.getBoolValue());
      default -> out.append("null");
    }
  }

  private static void number(StringBuilder out, double value) {
    // Double.toString's forms ("1.0", "1.0E-4") are all valid JSON numbers.
    out.append(Double.isFinite(value) ? Double.toString(value) : "null");
  }

  /** A JSON string: quotes, backslashes and control characters escaped (RFC 8259, section 7). */
  static void string(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
