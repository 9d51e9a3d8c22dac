package dev.runboard.scalars;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.EventLogWriterOptions;
import dev.runboard.eventlog.RunMetadataEvent;
import dev.runboard.web.ServerReady;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scalar query API over a real server and real log files: every parameter and their
 * combinations, smoothing computed on the full series, the purge rule, the batch equal to the
 * single calls, Arrow IPC answers read back by Arrow JS, groups, and a 400 naming the parameter
 * for every bad one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScalarsQueryApiTest {
  private static final int LONG = 5000;
  @TempDir static Path logdir;
  @TempDir Path scratch;

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  private static EventLogWriterOptions at(double seconds) {
    return EventLogWriterOptions.defaults().withClock(Clock.fixed(Instant.ofEpochMilli((long) (seconds * 1000)), ZoneOffset.UTC));
  }

  @BeforeAll
  static void writeRuns() throws IOException {
    // A long, noisy series with one spike and one NaN; x = step, wall = 1000 + step / 2.
    try (EventLogWriter w = EventLogWriter.open(logdir.resolve("long"), at(1000))) {
      for (int s = 0; s < LONG; s++) {
        double v = s == 3333 ? 100 : s == 4000 ? Double.NaN : Math.sin(s / 50.0) + (s % 7) * 0.1;
        w.scalar("loss", s, 1000 + s * 0.5, v);
      }
    }
    // Restarted: session 1 logs steps 0..99, session 2 resumes at 50 and logs 50..149.
    try (EventLogWriter w = EventLogWriter.open(logdir.resolve("resumed"), at(2000))) {
      for (int s = 0; s < 100; s++) {
        w.scalar("loss", s, 2000 + s, 1);
      }
    }
    try (EventLogWriter w = EventLogWriter.open(logdir.resolve("resumed"), at(3000).withResumeStep(50))) {
      for (int s = 50; s < 150; s++) {
        w.scalar("loss", s, 3000 + s, 2);
      }
    }
    // Groups: two seeds of lr 0.1 (the second shorter) and one of lr 0.01.
    group("lr0.1/seed1", 0.1, 100, 1);
    group("lr0.1/seed2", 0.1, 50, 3);
    group("lr0.01/seed1", 0.01, 100, 10);
  }

  private static void group(String run, double lr, int steps, double value) throws IOException {
    try (EventLogWriter w = EventLogWriter.open(logdir.resolve(run), at(5000))) {
      w.write(new RunMetadataEvent(5000, Map.of("lr", lr), 5000, "host", "test", "runboard", "0", Map.of()));
      for (int s = 0; s < steps; s++) {
        w.scalar("loss", s, 5000 + s, value);
      }
    }
  }

  @BeforeEach
  void loaded() {
    ServerReady.await(port);
  }

  // -- single reads ------------------------------------------------------------------------------

  @Test
  void withoutParametersEveryPointComesBackAsBefore() throws Exception {
    JsonNode body = get("/api/v1/scalars?run=long&tag=loss", 200);
    assertThat(body.get("step")).hasSize(LONG);
    assertThat(body.get("total").asLong()).isEqualTo(LONG);
    assertThat(body.get("downsampled").asBoolean()).isFalse();
    assertThat(body.has("smoothed")).isFalse();
    assertThat(body.get("restarts")).isEmpty();
    assertThat(body.get("first_wall_time").asDouble()).isEqualTo(1000);
  }

  @Test
  void pointsDownsamplesWithM4KeepingTheSpike() throws Exception {
    JsonNode body = get("/api/v1/scalars?run=long&tag=loss&points=100", 200);
    assertThat(body.get("step").size()).isLessThanOrEqualTo(400).isGreaterThan(100);
    assertThat(body.get("downsampled").asBoolean()).isTrue();
    assertThat(body.get("total").asLong()).isEqualTo(LONG);
    assertThat(doubles(body.get("value"))).contains(100.0);
    assertThat(body.get("value").toString()).contains("\"NaN\"");
    long[] steps = longs(body.get("step"));
    for (int i = 1; i < steps.length; i++) {
      assertThat(steps[i]).isGreaterThan(steps[i - 1]);
    }
  }

  @Test
  void aZoomedRangeOnEveryAxisReturnsItsPointsAndOneNeighbourEachSide() throws Exception {
    // Steps 1000..1100 are wall 1500..1550 and relative 500..550 (the run began at 1000).
    for (String query : List.of("x=step&from=1000&to=1100", "x=wall&from=1500&to=1550", "x=relative&from=500&to=550")) {
      JsonNode body = get("/api/v1/scalars?run=long&tag=loss&" + query, 200);
      long[] steps = longs(body.get("step"));
      assertThat(steps).as(query).startsWith(999, 1000).endsWith(1100, 1101).hasSize(103);
      assertThat(body.get("total").asLong()).as(query).isEqualTo(101);
      JsonNode m4 = get("/api/v1/scalars?run=long&tag=loss&points=2000&" + query, 200);
      assertThat(longs(m4.get("step"))).as("narrow enough: every point, once").containsExactly(steps);
      assertThat(m4.get("downsampled").asBoolean()).isFalse();
    }
  }

  @Test
  void smoothingIsComputedOnTheFullSeriesBeforeBucketing() throws Exception {
    JsonNode full = get("/api/v1/scalars?run=long&tag=loss", 200);
    double[] expected = tensorBoardEma(doubles(full.get("value")), 0.6);
    Map<Long, Double> byStep = new HashMap<>();
    long[] allSteps = longs(full.get("step"));
    for (int i = 0; i < allSteps.length; i++) {
      byStep.put(allSteps[i], expected[i]);
    }
    for (String query : List.of("points=50", "points=300&from=2000&to=4500", "from=10&to=20", "")) {
      JsonNode body = get("/api/v1/scalars?run=long&tag=loss&smoothing=ema:0.6&" + query, 200);
      long[] steps = longs(body.get("step"));
      double[] smoothed = doubles(body.get("smoothed"));
      assertThat(smoothed).as(query).hasSameSizeAs(steps);
      for (int i = 0; i < steps.length; i++) {
        assertThat(Double.compare(smoothed[i], byStep.get(steps[i]))).as("%s step %d", query, steps[i]).isZero();
      }
    }
    // The smoothed line's own extremes are kept too: its maximum (just after the spike) is there.
    JsonNode body = get("/api/v1/scalars?run=long&tag=loss&smoothing=ema:0.6&points=50", 200);
    double max = java.util.Arrays.stream(expected).filter(Double::isFinite).max().orElseThrow();
    assertThat(doubles(body.get("smoothed"))).contains(max);
    assertThat(doubles(body.get("value"))).contains(100.0);
    for (String kind : List.of("twema:0.9", "gauss:3", "mean:10")) {
      JsonNode other = get("/api/v1/scalars?run=long&tag=loss&points=100&smoothing=" + kind, 200);
      assertThat(other.get("smoothed")).as(kind).hasSize(other.get("step").size());
      assertThat(other.get("smoothed")).as(kind).isNotEqualTo(other.get("value"));
    }
  }

  /** TensorBoard's EMA, from its published formula. */
  private static double[] tensorBoardEma(double[] values, double w) {
    double[] out = values.clone();
    boolean constant = java.util.Arrays.stream(values).allMatch(v -> v == values[0]);
    double last = 0;
    int n = 0;
    for (int i = 0; i < values.length && !constant; i++) {
      if (Double.isFinite(values[i])) {
        last = last * w + (1 - w) * values[i];
        n++;
        out[i] = last / (1 - Math.pow(w, n));
      }
    }
    return out;
  }

  @Test
  void restartsAreNamedAndLatestPurgesSupersededPoints() throws Exception {
    JsonNode all = get("/api/v1/scalars?run=resumed&tag=loss", 200);
    assertThat(all.get("step")).hasSize(200);
    assertThat(all.get("restarts")).hasSize(1);
    assertThat(all.get("restarts").get(0).get("step").asLong()).isEqualTo(50);
    assertThat(all.get("restarts").get(0).get("wall_time").asDouble()).isEqualTo(3000);
    JsonNode latest = get("/api/v1/scalars?run=resumed&tag=loss&restarts=latest", 200);
    long[] steps = longs(latest.get("step"));
    assertThat(steps).hasSize(150);
    double[] values = doubles(latest.get("value"));
    for (int i = 0; i < steps.length; i++) {
      assertThat(values[i]).as("step %d", steps[i]).isEqualTo(steps[i] < 50 ? 1 : 2);
    }
    assertThat(latest.get("total").asLong()).isEqualTo(150);
    JsonNode m4 = get("/api/v1/scalars?run=resumed&tag=loss&restarts=latest&points=10&smoothing=mean:3", 200);
    assertThat(m4.get("total").asLong()).isEqualTo(150);
    assertThat(m4.get("downsampled").asBoolean()).isTrue();
  }

  // -- batch -------------------------------------------------------------------------------------

  private static final List<Map<String, Object>> COMBINATIONS = List.of(
      Map.of(),
      Map.of("points", 100),
      Map.of("points", 50, "x", "wall", "from", 1200, "to", 2200),
      Map.of("smoothing", "ema:0.6"),
      Map.of("smoothing", "twema:0.9", "x", "relative", "points", 200),
      Map.of("smoothing", "gauss:3", "from", 100, "to", 2000),
      Map.of("smoothing", "mean:5", "restarts", "latest"),
      Map.of("restarts", "latest", "points", "20"));

  @Test
  void aBatchAnswersExactlyWhatTheSingleCallsAnswer() throws Exception {
    for (Map<String, Object> params : COMBINATIONS) {
      ObjectNode body = json.createObjectNode();
      params.forEach((k, v) -> body.set(k, json.valueToTree(v)));
      ArrayNode requests = body.putArray("requests");
      for (String run : List.of("long", "resumed", "lr0.1/seed2")) {
        requests.addObject().put("run", run).put("tag", "loss");
      }
      JsonNode batch = post("/api/v1/scalars/batch", body, 200).get("series");
      assertThat(batch).hasSize(3);
      int i = 0;
      for (String run : List.of("long", "resumed", "lr0.1/seed2")) {
        StringBuilder query = new StringBuilder("/api/v1/scalars?run=" + enc(run) + "&tag=loss");
        params.forEach((k, v) -> query.append('&').append(k).append('=').append(enc(v.toString())));
        assertThat(batch.get(i++)).as("%s %s", run, params).isEqualTo(get(query.toString(), 200));
      }
    }
  }

  @Test
  void batchEntriesOverrideTheSharedParametersAndUnknownSeriesAre404Entries() throws Exception {
    ObjectNode body = json.createObjectNode().put("points", 100).put("smoothing", "ema:0.5");
    ArrayNode requests = body.putArray("requests");
    requests.addObject().put("run", "long").put("tag", "loss");
    requests.addObject().put("run", "long").put("tag", "loss").put("points", 20).put("smoothing", "none");
    requests.addObject().put("run", "nope").put("tag", "loss");
    requests.addObject().put("run", "long").put("tag", "nope");
    JsonNode series = post("/api/v1/scalars/batch", body, 200).get("series");
    assertThat(series.get(0)).isEqualTo(get("/api/v1/scalars?run=long&tag=loss&points=100&smoothing=ema:0.5", 200));
    assertThat(series.get(1)).isEqualTo(get("/api/v1/scalars?run=long&tag=loss&points=20", 200));
    assertThat(series.get(2).get("status").asInt()).isEqualTo(404);
    assertThat(series.get(2).get("detail").asText()).isEqualTo("unknown run 'nope'");
    assertThat(series.get(3).get("detail").asText()).isEqualTo("run 'long' has no scalar tag 'nope'");
  }

  // -- Arrow IPC, read by Arrow JS ---------------------------------------------------------------

  @Test
  void arrowAnswersCarryTheJsonColumnsAsReadByArrowJs() throws Exception {
    ArrowJs arrow = ArrowJs.install(scratch);
    String query = "/api/v1/scalars?run=long&tag=loss&points=100&smoothing=ema:0.6";
    JsonNode expected = get(query, 200);
    JsonNode table = arrow.read(getBytes(query, ScalarsArrow.MEDIA_TYPE), scratch);
    assertThat(table.get("fields").toString()).isEqualTo("[\"step\",\"wall_time\",\"value\",\"smoothed\"]");
    assertColumns(table.get("columns"), expected, 0, expected.get("step").size());
    assertThat(table.get("metadata").get("runboard.run").asText()).isEqualTo("long");
    assertThat(table.get("metadata").get("runboard.total").asText()).isEqualTo(Integer.toString(LONG));
    assertThat(table.get("metadata").get("runboard.downsampled").asText()).isEqualTo("true");

    ObjectNode body = json.createObjectNode().put("points", 30);
    ArrayNode requests = body.putArray("requests");
    requests.addObject().put("run", "long").put("tag", "loss");
    requests.addObject().put("run", "nope").put("tag", "loss");
    requests.addObject().put("run", "resumed").put("tag", "loss").put("restarts", "latest");
    JsonNode batch = post("/api/v1/scalars/batch", body, 200).get("series");
    JsonNode batchTable = arrow.read(postBytes("/api/v1/scalars/batch", body, ScalarsArrow.MEDIA_TYPE), scratch);
    assertThat(batchTable.get("fields").toString()).isEqualTo("[\"run\",\"tag\",\"step\",\"wall_time\",\"value\"]");
    int first = batch.get(0).get("step").size();
    assertColumns(batchTable.get("columns"), batch.get(0), 0, first);
    assertColumns(batchTable.get("columns"), batch.get(2), first, batch.get(2).get("step").size());
    assertThat(batchTable.get("columns").get("run").get(first).asText()).isEqualTo("resumed");
    JsonNode headers = json.readTree(batchTable.get("metadata").get("runboard.series").asText());
    assertThat(headers.get(1).get("status").asInt()).isEqualTo(404);
    assertThat(headers.get(2).get("restarts").get(0).get("step").asLong()).isEqualTo(50);
  }

  private static void assertColumns(JsonNode columns, JsonNode expected, int offset, int rows) {
    for (int i = 0; i < rows; i++) {
      assertThat(columns.get("step").get(offset + i).asLong()).isEqualTo(expected.get("step").get(i).asLong());
      for (String name : List.of("wall_time", "value", "smoothed")) {
        if (expected.has(name)) {
          assertThat(Double.compare(Double.parseDouble(columns.get(name).get(offset + i).asText()),
              number(expected.get(name).get(i)))).as("%s row %d", name, i).isZero();
        }
      }
    }
  }

  // -- groups ------------------------------------------------------------------------------------

  @Test
  void groupsByRegexCaptureGiveMeanStdAndCountPerColumn() throws Exception {
    JsonNode body = get("/api/v1/scalars/groups?tag=loss&group_by=" + enc("^(lr[^/]*)/") + "&points=10", 200);
    assertThat(body.get("ungrouped").toString()).isEqualTo("[\"long\",\"resumed\"]");
    JsonNode groups = body.get("groups");
    assertThat(groups.findValuesAsText("name")).containsExactly("lr0.01", "lr0.1");
    JsonNode lr01 = groups.get(1);
    assertThat(lr01.get("runs").toString()).isEqualTo("[\"lr0.1/seed1\",\"lr0.1/seed2\"]");
    // Columns of 9.9 steps over 0..99: the second seed (value 3) has data in columns 0..4 only.
    assertThat(lr01.get("x")).hasSize(10);
    for (int c = 0; c < 10; c++) {
      boolean both = c < 5;
      assertThat(lr01.get("count").get(c).asInt()).as("column %d", c).isEqualTo(both ? 2 : 1);
      assertThat(lr01.get("mean").get(c).asDouble()).isEqualTo(both ? 2.0 : 1.0);
      assertThat(lr01.get("lower").get(c).asDouble()).isEqualTo(both ? 1.0 : 1.0);
      assertThat(lr01.get("upper").get(c).asDouble()).isEqualTo(both ? 3.0 : 1.0);
    }
    assertThat(lr01.get("x").get(0).asDouble()).isEqualTo(99 / 10.0 / 2);
    JsonNode minmax = get("/api/v1/scalars/groups?tag=loss&group_by=" + enc("^(lr[^/]*)/") + "&points=10&band=minmax", 200);
    assertThat(minmax.get("groups").get(1).get("lower").get(0).asDouble()).isEqualTo(1.0);
    assertThat(minmax.get("groups").get(1).get("upper").get(0).asDouble()).isEqualTo(3.0);
  }

  @Test
  void groupsByHparamAndOnlyTheRunsAsked() throws Exception {
    JsonNode body = get("/api/v1/scalars/groups?tag=loss&group_by=hparam:lr&points=5&run=" + enc("lr0.1/seed2")
        + "&run=" + enc("lr0.01/seed1"), 200);
    JsonNode groups = body.get("groups");
    assertThat(groups.findValuesAsText("name")).containsExactly("0.01", "0.1");
    assertThat(groups.get(1).get("runs").toString()).isEqualTo("[\"lr0.1/seed2\"]");
    assertThat(groups.get(0).get("mean").get(0).asDouble()).isEqualTo(10.0);
    ObjectNode post = json.createObjectNode().put("tag", "loss").put("group_by", "hparam:lr").put("points", 5);
    post.putArray("runs").add("lr0.1/seed2").add("lr0.01/seed1");
    assertThat(post("/api/v1/scalars/groups", post, 200)).isEqualTo(body);
  }

  // -- bad requests --------------------------------------------------------------------------------

  @Test
  void everyBadParameterIsA400NamingIt() throws Exception {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("points=0", "points");
    cases.put("points=20001", "points");
    cases.put("points=12x", "points");
    cases.put("x=epoch", "x");
    cases.put("from=abc", "from");
    cases.put("to=1e999", "to");
    cases.put("from=10&to=5", "from");
    cases.put("smoothing=box:3", "smoothing");
    cases.put("smoothing=ema:1", "smoothing");
    cases.put("smoothing=ema:-0.5", "smoothing");
    cases.put("smoothing=ema", "smoothing");
    cases.put("smoothing=gauss:0", "smoothing");
    cases.put("smoothing=mean:2.5", "smoothing");
    cases.put("restarts=first", "restarts");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      JsonNode problem = get("/api/v1/scalars?run=long&tag=loss&" + c.getKey(), 400);
      assertThat(problem.get("parameter").asText()).as(c.getKey()).isEqualTo(c.getValue());
      assertThat(problem.get("status").asInt()).isEqualTo(400);
    }
    assertThat(get("/api/v1/scalars/groups?tag=loss&group_by=" + enc("(unclosed"), 400).get("parameter").asText())
        .isEqualTo("group_by");
    assertThat(get("/api/v1/scalars/groups?tag=loss&group_by=x&band=iqr", 400).get("parameter").asText()).isEqualTo("band");
    assertThat(get("/api/v1/scalars/groups?tag=loss&group_by=x&points=-1", 400).get("parameter").asText()).isEqualTo("points");
    get("/api/v1/scalars/groups?tag=loss", 400);

    ObjectNode badEntry = json.createObjectNode();
    badEntry.putArray("requests").add(json.createObjectNode().put("run", "long").put("tag", "loss"))
        .add(json.createObjectNode().put("run", "long").put("tag", "loss").put("points", 0));
    assertThat(post("/api/v1/scalars/batch", badEntry, 400).get("parameter").asText()).isEqualTo("requests[1].points");
    ObjectNode noTag = json.createObjectNode();
    noTag.putArray("requests").add(json.createObjectNode().put("run", "long"));
    assertThat(post("/api/v1/scalars/batch", noTag, 400).get("parameter").asText()).isEqualTo("requests[0].tag");
    assertThat(post("/api/v1/scalars/batch", json.createObjectNode().put("smoothing", "x:1"), 400).get("parameter").asText())
        .isEqualTo("requests");
    ObjectNode badShared = json.createObjectNode().put("smoothing", "x:1");
    badShared.putArray("requests");
    assertThat(post("/api/v1/scalars/batch", badShared, 400).get("parameter").asText()).isEqualTo("smoothing");
    HttpResponse<String> malformed = http.send(
        HttpRequest.newBuilder(uri("/api/v1/scalars/batch")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"requests\": [")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("content-type").orElse("")).contains("problem+json");
    assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  // -- helpers -------------------------------------------------------------------------------------

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private JsonNode get(String path, int status) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    return check(path, r, status);
  }

  private JsonNode post(String path, JsonNode body, int status) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    return check(path, r, status);
  }

  private JsonNode check(String path, HttpResponse<String> r, int status) throws IOException {
    assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(status);
    String type = r.headers().firstValue("content-type").orElse("");
    assertThat(type).contains(status == 200 ? "application/json" : "application/problem+json");
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    return json.readTree(r.body());
  }

  private byte[] getBytes(String path, String accept) throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).isEqualTo(accept);
    return r.body();
  }

  private byte[] postBytes(String path, JsonNode body, String accept) throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri(path)).header("Accept", accept)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  private static double[] doubles(JsonNode array) {
    List<Double> out = new ArrayList<>();
    array.forEach(n -> out.add(number(n)));
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** JSON numbers, and the strings Jackson writes for NaN and the infinities. */
  private static double number(JsonNode n) {
    return n.isTextual() ? Double.parseDouble(n.asText()) : n.asDouble();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
