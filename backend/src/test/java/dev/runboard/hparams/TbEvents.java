package dev.runboard.hparams;

import com.google.protobuf.ByteString;
import dev.runboard.bench.HParamsSweepLogdir;
import dev.runboard.eventlog.tfevents.TfRecordWriter;
import dev.runboard.eventlog.tfevents.proto.EventProtos.Event;
import dev.runboard.eventlog.tfevents.proto.HParamsProtos;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.Summary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * TensorBoard event records built by hand, as TensorBoard's hparams API and PyTorch's {@code
 * add_hparams} write them: summary values whose metadata names the {@code hparams} plugin and
 * whose content is an {@code HParamsPluginData}.
 */
public final class TbEvents {
  private TbEvents() {}

  public static Event scalar(String tag, long step, double wall, float value) {
    return Event.newBuilder().setWallTime(wall).setStep(step)
        .setSummary(Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8(tag)).setSimpleValue(value)))
        .build();
  }

  public static Event experiment(double wall, List<HParamsProtos.HParamInfo> hparams, List<HParamsProtos.MetricInfo> metrics) {
    return plugin("_hparams_/experiment", wall,
        HParamsProtos.HParamsPluginData.newBuilder().setExperiment(
            HParamsProtos.Experiment.newBuilder().addAllHparamInfos(hparams).addAllMetricInfos(metrics)).build());
  }

  public static Event sessionStart(double wall, Map<String, Object> hparams) {
    return plugin("_hparams_/session_start_info", wall,
        HParamsProtos.HParamsPluginData.newBuilder().setSessionStartInfo(HParamsSweepLogdir.start(hparams, wall)).build());
  }

  public static Event sessionEnd(double wall, HParamsProtos.Status status) {
    return plugin("_hparams_/session_end_info", wall, HParamsProtos.HParamsPluginData.newBuilder()
        .setSessionEndInfo(HParamsProtos.SessionEndInfo.newBuilder().setStatus(status).setEndTimeSecs(wall)).build());
  }

  public static HParamsProtos.MetricInfo metric(String group, String tag) {
    return HParamsProtos.MetricInfo.newBuilder()
        .setName(HParamsProtos.MetricName.newBuilder().setGroup(group).setTag(tag)).build();
  }

  private static Event plugin(String tag, double wall, HParamsProtos.HParamsPluginData data) {
    return HParamsSweepLogdir.hparams(tag, wall, data);
  }

  public static Event graphDef(double wall, byte[] graphDefBytes) {
    return Event.newBuilder().setWallTime(wall).setGraphDef(ByteString.copyFrom(graphDefBytes)).build();
  }

  /** Writes an event file into the run directory (created when missing). */
  public static Path write(Path runDirectory, String host, List<Event> events) throws IOException {
    Files.createDirectories(runDirectory);
    Path file = runDirectory.resolve("events.out.tfevents.1700000000." + host);
    try (OutputStream out = Files.newOutputStream(file)) {
      TfRecordWriter writer = new TfRecordWriter(out);
      writer.write(Event.newBuilder().setWallTime(1700000000).setFileVersion("brain.Event:2").build().toByteArray());
      for (Event e : events) {
        writer.write(e.toByteArray());
      }
    }
    return file;
  }
}
