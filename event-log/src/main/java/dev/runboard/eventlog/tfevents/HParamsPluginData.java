package dev.runboard.eventlog.tfevents;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import com.google.protobuf.Value;
import dev.runboard.eventlog.BlobEvent;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.RunMetadataEvent;
import dev.runboard.eventlog.SessionEvent;
import dev.runboard.eventlog.tfevents.proto.HParamsProtos;
import dev.runboard.eventlog.tfevents.proto.HParamsProtos.SessionEndInfo;
import dev.runboard.eventlog.tfevents.proto.HParamsProtos.SessionStartInfo;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The hparams plugin's summaries: a session start carries the run's hyperparameters (a
 * {@link RunMetadataEvent}), a session end its final status (a {@link SessionEvent} STOP), and the
 * experiment summary, which describes the search space (hparams with their domains, metrics),
 * becomes a {@link BlobEvent} of the {@code hparams} plugin holding it as JSON ({@link
 * ExperimentJson}).
 */
final class HParamsPluginData {
  static final String PLUGIN_NAME = "hparams";
  static final String JSON = "application/json";

  private HParamsPluginData() {}

  static Optional<LogEvent> decode(String tag, byte[] content, double wallTime, long step)
      throws InvalidProtocolBufferException {
    HParamsProtos.HParamsPluginData data = HParamsProtos.HParamsPluginData.parseFrom(content);
    if (data.hasExperiment()) {
      return Optional.of(new BlobEvent(
          tag, step, wallTime, PLUGIN_NAME, new byte[0], 0, JSON, ExperimentJson.of(data.getExperiment())));
    }
    if (data.hasSessionStartInfo()) {
      SessionStartInfo start = data.getSessionStartInfo();
      Map<String, Object> hparams = new LinkedHashMap<>();
      start.getHparamsMap().forEach((name, value) -> hparams.put(name, hparam(value)));
      Map<String, String> tags = new LinkedHashMap<>();
      if (!start.getGroupName().isEmpty()) {
        tags.put("group", start.getGroupName());
      }
      if (!start.getModelUri().isEmpty()) {
        tags.put("model_uri", start.getModelUri());
      }
      double startTime = start.getStartTimeSecs() != 0 ? start.getStartTimeSecs() : wallTime;
      return Optional.of(new RunMetadataEvent(wallTime, hparams, startTime, "", "", "", "", tags));
    }
    if (data.hasSessionEndInfo()) {
      SessionEndInfo end = data.getSessionEndInfo();
      double endTime = end.getEndTimeSecs() != 0 ? end.getEndTimeSecs() : wallTime;
      String status = end.getStatus().name().replace("STATUS_", "").toLowerCase(Locale.ROOT);
      return Optional.of(new SessionEvent(endTime, SessionEvent.Kind.STOP, step, status));
    }
    return Optional.empty();
  }

  /** String, Double or Boolean, as {@link RunMetadataEvent} requires; anything else as text. */
  private static Object hparam(Value value) {
    switch (value.getKindCase()) {
      case NUMBER_VALUE:
        return value.getNumberValue();
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return value.getBoolValue();
      default:
        return TextFormat.shortDebugString(value);
    }
  }
}
