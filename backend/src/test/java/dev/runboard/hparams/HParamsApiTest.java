package dev.runboard.hparams;

import static dev.runboard.hparams.TbEvents.experiment;
import static dev.runboard.hparams.TbEvents.metric;
import static dev.runboard.hparams.TbEvents.scalar;
import static dev.runboard.hparams.TbEvents.sessionEnd;
import static dev.runboard.hparams.TbEvents.sessionStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.RunMetadataEvent;
import dev.runboard.eventlog.tfevents.proto.HParamsProtos;
import dev.runboard.web.ServerReady;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /api/v1/hparams} over a logdir with every source of sessions: TensorBoard hparams records
 * built by hand (experiment summary, session start and end; metrics in the session's run and in
 * its {@code validation} sub-run), PyTorch's {@code add_hparams} layout (a timestamp sub-run below
 * the run it belongs to) and a Runboard run still being written, whose loss diverged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HParamsApiTest {
  @TempDir static Path logdir;
  private static EventLogWriter live;

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  @BeforeAll
  static void writeLogdir() throws Exception {
    double t = 1_700_000_000;
    HParamsProtos.HParamInfo lr = HParamsProtos.HParamInfo.newBuilder().setName("lr")
        .setType(HParamsProtos.DataType.DATA_TYPE_FLOAT64)
        .setDomainInterval(HParamsProtos.Interval.newBuilder().setMinValue(1e-4).setMaxValue(0.1)).build();
    HParamsProtos.HParamInfo optimizer = HParamsProtos.HParamInfo.newBuilder().setName("optimizer")
        .setType(HParamsProtos.DataType.DATA_TYPE_STRING)
        .setDomainDiscrete(ListValue.newBuilder().addValues(Value.newBuilder().setStringValue("adam"))
            .addValues(Value.newBuilder().setStringValue("sgd"))).build();
    // TensorBoard: the experiment summary in its own run, one run per session.
    TbEvents.write(logdir.resolve("tb"), "experiment", List.of(
        experiment(t, List.of(lr, optimizer), List.of(metric("validation", "accuracy"), metric("", "loss")))));
    TbEvents.write(logdir.resolve("tb/run-0"), "a", List.of(
        sessionStart(t, Map.of("lr", 0.001, "optimizer", "adam")),
        scalar("loss", 0, t + 1, 0.9f), scalar("loss", 1, t + 2, 0.5f), scalar("loss", 2, t + 3, 0.3f),
        sessionEnd(t + 4, HParamsProtos.Status.STATUS_SUCCESS)));
    TbEvents.write(logdir.resolve("tb/run-0/validation"), "a", List.of(
        scalar("accuracy", 0, t + 1, 0.6f), scalar("accuracy", 2, t + 3, 0.8f)));
    TbEvents.write(logdir.resolve("tb/run-1"), "a", List.of(
        sessionStart(t, Map.of("lr", 0.01, "optimizer", "sgd")),
        scalar("loss", 0, t + 1, 0.8f), scalar("loss", 1, t + 2, Float.NaN),
        sessionEnd(t + 4, HParamsProtos.Status.STATUS_FAILURE)));
    TbEvents.write(logdir.resolve("tb/run-1/validation"), "a", List.of(scalar("accuracy", 0, t + 1, 0.5f)));
    TbEvents.write(logdir.resolve("tb/run-2"), "a", List.of(
        sessionStart(t, Map.of("lr", 0.1, "optimizer", "adam")), scalar("loss", 0, t + 1, 0.7f)));
    // PyTorch: the writer's own run, and add_hparams's timestamp sub-run with everything hparams.
    TbEvents.write(logdir.resolve("pt/exp"), "a", List.of(scalar("Loss/train", 0, t, 2.0f), scalar("Loss/train", 1, t + 1, 1.5f)));
    TbEvents.write(logdir.resolve("pt/exp/1700000100.5"), "b", List.of(
        experiment(t + 2, List.of(
            HParamsProtos.HParamInfo.newBuilder().setName("bs").setType(HParamsProtos.DataType.DATA_TYPE_FLOAT64).build()),
            List.of(metric("", "hparam/acc"))),
        sessionStart(t + 2, Map.of("bs", 32.0, "lr", 0.05)),
        sessionEnd(t + 2, HParamsProtos.Status.STATUS_SUCCESS),
        scalar("hparam/acc", 0, t + 2, 0.9f)));
    // Runboard's trainer layout, still running, its loss diverged.
    live = EventLogWriter.open(logdir.resolve("rb/train"));
    double now = System.currentTimeMillis() / 1000.0;
    live.write(new RunMetadataEvent(now, Map.of("lr", 0.003, "optimizer", "adam"), now, "host", "java Train", "runboard-trainer", "dev", Map.of()));
    live.scalar("epoch_loss", 0, 1.2);
    live.scalar("epoch_loss", 1, Double.POSITIVE_INFINITY);
    live.flush();
  }

  @AfterAll
  static void closeWriter() throws Exception {
    live.close();
  }

  @BeforeEach
  void loaded() {
    ServerReady.await(port);
    await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/hparams").get("sessions").size() == 5);
  }

  @Test
  void everySourceOfSessionsMakesOneRowWithItsHParamsMetricsAndStatus() throws Exception {
    JsonNode table = get("/api/v1/hparams");
    assertThat(names(table.get("metrics"), "key")).containsExactly("hparam/acc", "loss", "train/epoch_loss", "validation/accuracy");
    JsonNode validation = table.get("metrics").get(3);
    assertThat(validation.get("tag").asText()).isEqualTo("accuracy");
    assertThat(validation.get("run_suffix").asText()).isEqualTo("validation");
    assertThat(names(table.get("hparams"), "name")).containsExactly("bs", "lr", "optimizer");
    JsonNode lr = table.get("hparams").get(1);
    assertThat(lr.get("type").asText()).isEqualTo("float");
    assertThat(lr.get("domain").get("min").asDouble()).isEqualTo(1e-4); // the experiment's interval
    assertThat(lr.get("domain").get("max").asDouble()).isEqualTo(0.1);
    JsonNode optimizer = table.get("hparams").get(2);
    assertThat(optimizer.get("type").asText()).isEqualTo("string");
    assertThat(names(optimizer.get("domain").get("values"), null)).containsExactly("adam", "sgd");
    assertThat(table.get("hparams").get(0).get("type").asText()).isEqualTo("int");

    JsonNode sessions = table.get("sessions");
    assertThat(names(sessions, "session_run")).containsExactly("pt/exp/1700000100.5", "rb/train", "tb/run-0", "tb/run-1", "tb/run-2");

    JsonNode pytorch = sessions.get(0);
    assertThat(pytorch.get("run").asText()).isEqualTo("pt/exp"); // associated with its parent
    assertThat(names(pytorch.get("runs"), null)).containsExactly("pt/exp", "pt/exp/1700000100.5");
    assertThat(pytorch.get("hparams").get("bs").asDouble()).isEqualTo(32.0);
    assertThat(pytorch.get("metrics").get("hparam/acc").get("value").asDouble()).isEqualTo(0.9f);
    assertThat(pytorch.get("status").asText()).isEqualTo("success");

    JsonNode runboard = sessions.get(1);
    assertThat(runboard.get("run").asText()).isEqualTo("rb");
    assertThat(runboard.get("status").asText()).isEqualTo("running");
    assertThat(runboard.get("end_time").isNull()).isTrue();
    JsonNode diverged = runboard.get("metrics").get("train/epoch_loss");
    assertThat(diverged.get("value").asText()).isEqualTo("Infinity");
    assertThat(diverged.get("diverged").asBoolean()).isTrue();
    assertThat(diverged.get("step").asLong()).isEqualTo(1);

    JsonNode run0 = sessions.get(2);
    assertThat(run0.get("run").asText()).isEqualTo("tb/run-0");
    assertThat(run0.get("status").asText()).isEqualTo("success");
    assertThat(run0.get("start_time").asDouble()).isEqualTo(1_700_000_000.0);
    assertThat(run0.get("end_time").asDouble()).isEqualTo(1_700_000_004.0);
    assertThat(run0.get("metrics").get("loss").get("value").asDouble()).isEqualTo(0.3f);
    assertThat(run0.get("metrics").get("loss").get("step").asLong()).isEqualTo(2);
    assertThat(run0.get("metrics").get("validation/accuracy").get("value").asDouble()).isEqualTo(0.8f);
    assertThat(names(run0.get("runs"), null)).containsExactly("tb/run-0", "tb/run-0/validation");

    JsonNode run1 = sessions.get(3);
    assertThat(run1.get("status").asText()).isEqualTo("failure");
    assertThat(run1.get("metrics").get("loss").get("value").asText()).isEqualTo("NaN");
    assertThat(run1.get("metrics").get("loss").get("diverged").asBoolean()).isTrue();

    JsonNode run2 = sessions.get(4);
    assertThat(run2.get("status").asText()).isEqualTo("unknown"); // no session end, silent for years
    assertThat(run2.get("metrics").has("validation/accuracy")).isFalse();
  }

  @Test
  void metricAggregationPicksMinOrMax() throws Exception {
    JsonNode min = get("/api/v1/hparams?metric_agg=min").get("sessions");
    JsonNode max = get("/api/v1/hparams?metric_agg=max").get("sessions");
    assertThat(min.get(2).get("metrics").get("loss").get("value").asDouble()).isEqualTo(0.3f);
    assertThat(max.get(2).get("metrics").get("loss").get("value").asDouble()).isEqualTo(0.9f);
    assertThat(max.get(2).get("metrics").get("loss").get("step").asLong()).isZero();
    assertThat(min.get(3).get("metrics").get("loss").get("value").asDouble()).isEqualTo(0.8f); // NaN ignored
    assertThat(get("/api/v1/hparams?metric_agg=max").get("metric_agg").asText()).isEqualTo("max");
  }

  @Test
  void filtersByRangeExactValueAndStatus() throws Exception {
    assertThat(sessionRuns("/api/v1/hparams?hparam.lr=0.001..0.01")).containsExactly("rb/train", "tb/run-0", "tb/run-1");
    assertThat(sessionRuns("/api/v1/hparams?hparam.optimizer=adam")).containsExactly("rb/train", "tb/run-0", "tb/run-2");
    assertThat(sessionRuns("/api/v1/hparams?hparam.lr=..0.005&hparam.optimizer=adam")).containsExactly("rb/train", "tb/run-0");
    assertThat(sessionRuns("/api/v1/hparams?status=failure,running")).containsExactly("rb/train", "tb/run-1");
    assertThat(sessionRuns("/api/v1/hparams?metric.loss=0..0.5")).containsExactly("tb/run-0");
    assertProblem("/api/v1/hparams?status=finished", 400, "status");
    assertProblem("/api/v1/hparams?hparam.nope=1", 400, "hparam.nope");
    assertProblem("/api/v1/hparams?hparam.lr=x..y", 400, "hparam.lr");
    assertProblem("/api/v1/hparams?metric_agg=mean", 400, "metric_agg");
  }

  @Test
  void exportsTheFilteredTableAsCsvAndLatex() throws Exception {
    HttpResponse<String> csv = send("/api/v1/hparams/export?format=csv&hparam.optimizer=adam");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
    assertThat(csv.headers().firstValue("content-disposition").orElse("")).contains("hparams.csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).isEqualTo("run,session_run,status,bs,lr,optimizer,hparam/acc,loss,train/epoch_loss,validation/accuracy");
    assertThat(lines).hasSize(4);
    assertThat(lines[1]).isEqualTo("rb,rb/train,running,,0.003,adam,,,inf,");
    // Float32 values widened to double, written as Java writes doubles.
    assertThat(lines[2]).isEqualTo("tb/run-0,tb/run-0,success,,0.001,adam,," + (double) 0.3f + ",," + (double) 0.8f);
    HttpResponse<String> latex = send("/api/v1/hparams/export?format=latex");
    assertThat(latex.body()).contains("\\begin{tabular}", "\\toprule", "tb/run-1 & failure", "\\bottomrule");
    assertProblem("/api/v1/hparams/export?format=xlsx", 400, "format");
  }

  @Test
  void importanceNeedsEnoughSessionsAndAKnownMetric() throws Exception {
    HttpResponse<String> few = send("/api/v1/hparams/importance?metric=loss");
    assertThat(few.statusCode()).isEqualTo(422);
    assertThat(few.headers().firstValue("content-type").orElse("")).contains("problem+json");
    assertThat(few.body()).contains("at least 5 sessions");
    assertThat(send("/api/v1/hparams/importance?metric=nope").statusCode()).isEqualTo(404);
    assertProblem("/api/v1/hparams/importance", 400, "metric");
  }

  private List<String> sessionRuns(String path) throws Exception {
    return names(get(path).get("sessions"), "session_run");
  }

  private static List<String> names(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(field == null ? n.asText() : n.get(field).asText()));
    return out;
  }

  private void assertProblem(String path, int status, String parameter) throws Exception {
    HttpResponse<String> response = send(path);
    assertThat(response.statusCode()).as(path).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type").orElse("")).contains("application/problem+json");
    assertThat(json.readTree(response.body()).get("parameter").asText()).isEqualTo(parameter);
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = send(path);
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private HttpResponse<String> send(String path) throws Exception {
    String[] parts = path.split("\\?", 2);
    String query = parts.length < 2 ? "" : "?" + encodeQuery(parts[1]);
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + parts[0] + query)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String encodeQuery(String query) {
    List<String> pairs = new ArrayList<>();
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      pairs.add(URLEncoder.encode(kv[0], StandardCharsets.UTF_8)
          + (kv.length > 1 ? "=" + URLEncoder.encode(kv[1], StandardCharsets.UTF_8) : ""));
    }
    return String.join("&", pairs);
  }
}
