package dev.runboard.eventlog.tfevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import dev.runboard.eventlog.BlobEvent;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.RunMetadataEvent;
import dev.runboard.eventlog.SessionEvent;
import dev.runboard.eventlog.tfevents.proto.HParamsProtos;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hparams plugin's three summaries, built by hand as TensorBoard's hparams API writes them. */
class HParamsPluginDataTest {
  @Test
  void theExperimentSummaryBecomesAJsonBlobWithEveryHParamAndMetric() throws Exception {
    HParamsProtos.Experiment experiment = HParamsProtos.Experiment.newBuilder()
        .setName("sweep \"A\"")
        .setDescription("line 1\nline 2")
        .setTimeCreatedSecs(1700000000.5)
        .addHparamInfos(HParamsProtos.HParamInfo.newBuilder()
            .setName("lr").setType(HParamsProtos.DataType.DATA_TYPE_FLOAT64)
            .setDomainInterval(HParamsProtos.Interval.newBuilder().setMinValue(1e-4).setMaxValue(0.1)))
        .addHparamInfos(HParamsProtos.HParamInfo.newBuilder()
            .setName("optimizer").setType(HParamsProtos.DataType.DATA_TYPE_STRING)
            .setDomainDiscrete(ListValue.newBuilder()
                .addValues(Value.newBuilder().setStringValue("adam"))
                .addValues(Value.newBuilder().setStringValue("sgd\\momentum"))))
        .addHparamInfos(HParamsProtos.HParamInfo.newBuilder().setName("bn").setType(HParamsProtos.DataType.DATA_TYPE_BOOL))
        .addMetricInfos(HParamsProtos.MetricInfo.newBuilder()
            .setName(HParamsProtos.MetricName.newBuilder().setGroup("validation").setTag("epoch_accuracy"))
            .setDisplayName("Val. accuracy").setDatasetType(HParamsProtos.DatasetType.DATASET_VALIDATION))
        .build();
    byte[] content = HParamsProtos.HParamsPluginData.newBuilder().setVersion(0).setExperiment(experiment).build().toByteArray();

    LogEvent event = HParamsPluginData.decode("_hparams_/experiment", content, 1700000001.0, 0).orElseThrow();

    BlobEvent blob = (BlobEvent) event;
    assertThat(blob.tag()).isEqualTo("_hparams_/experiment");
    assertThat(blob.pluginName()).isEqualTo("hparams");
    assertThat(blob.mediaType()).isEqualTo("application/json");
    assertThat(new String(blob.data(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"name\":\"sweep \\\"A\\\"\",\"description\":\"line 1\\nline 2\",\"time_created_secs\":1.7000000005E9,"
            + "\"hparams\":["
            + "{\"name\":\"lr\",\"display_name\":\"\",\"description\":\"\",\"type\":\"float64\",\"domain\":{\"min\":1.0E-4,\"max\":0.1}},"
            + "{\"name\":\"optimizer\",\"display_name\":\"\",\"description\":\"\",\"type\":\"string\",\"domain\":{\"values\":[\"adam\",\"sgd\\\\momentum\"]}},"
            + "{\"name\":\"bn\",\"display_name\":\"\",\"description\":\"\",\"type\":\"bool\"}],"
            + "\"metrics\":[{\"group\":\"validation\",\"tag\":\"epoch_accuracy\",\"display_name\":\"Val. accuracy\","
            + "\"description\":\"\",\"dataset_type\":\"validation\"}]}");
  }

  @Test
  void sessionStartAndEndBecomeRunMetadataAndAStop() throws Exception {
    byte[] start = HParamsProtos.HParamsPluginData.newBuilder()
        .setSessionStartInfo(HParamsProtos.SessionStartInfo.newBuilder()
            .putHparams("lr", Value.newBuilder().setNumberValue(0.01).build())
            .putHparams("bn", Value.newBuilder().setBoolValue(true).build())
            .setStartTimeSecs(1700000000))
        .build().toByteArray();
    byte[] end = HParamsProtos.HParamsPluginData.newBuilder()
        .setSessionEndInfo(HParamsProtos.SessionEndInfo.newBuilder()
            .setStatus(HParamsProtos.Status.STATUS_FAILURE).setEndTimeSecs(1700000100))
        .build().toByteArray();

    RunMetadataEvent metadata = (RunMetadataEvent) HParamsPluginData.decode("_hparams_/session_start_info", start, 1.0, 0).orElseThrow();
    assertThat(metadata.hparams()).isEqualTo(Map.of("lr", 0.01, "bn", true));
    assertThat(metadata.startTime()).isEqualTo(1700000000.0);
    SessionEvent stop = (SessionEvent) HParamsPluginData.decode("_hparams_/session_end_info", end, 2.0, 7).orElseThrow();
    assertThat(stop).isEqualTo(new SessionEvent(1700000100.0, SessionEvent.Kind.STOP, 7, "failure"));
  }
}
