package dev.runboard.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.eventlog.Histogram;
import dev.runboard.eventlog.PrCurve;
import dev.runboard.web.ServerReady;
import java.awt.Color;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The histogram, distribution, image, text and PR-curve routes of the plugins, served by a real
 * server over hand-built logs in both formats ({@link MediaLogs}), checked field by field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MediaRoutesTest {
  @TempDir static Path logdir;

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  @BeforeAll
  static void writeLogs() throws IOException {
    MediaLogs.writeAll(logdir);
  }

  @BeforeEach
  void loaded() {
    ServerReady.await(port);
  }

  @Test
  void runsListTheirTagsByPlugin() throws Exception {
    JsonNode runs = get("/api/v1/runs", 200);
    JsonNode rb = runs.get(0);
    JsonNode tf = runs.get(1);
    assertThat(rb.get("name").asText()).isEqualTo("rb");
    assertThat(rb.get("tags").get("histograms").toString()).isEqualTo("[\"dense/kernel\",\"even\"]");
    assertThat(rb.get("tags").get("images").toString()).isEqualTo("[\"samples\"]");
    assertThat(rb.get("tags").get("text").toString()).isEqualTo("[\"notes\"]");
    assertThat(rb.get("tags").get("pr_curves").toString()).isEqualTo("[\"pr\"]");
    assertThat(tf.get("tags").get("histograms").toString()).isEqualTo("[\"legacy\",\"tf2\"]");
    assertThat(tf.get("tags").get("images").toString()).isEqualTo("[\"tf2_image\"]");
    assertThat(tf.get("tags").get("text").toString()).isEqualTo("[\"table\"]");
    assertThat(tf.get("tags").get("pr_curves").toString()).isEqualTo("[\"pr_tf\"]");
  }

  @Test
  void runboardHistogramsComeBackLosslesslyEveryStepWithoutStepsParameter() throws Exception {
    JsonNode body = get("/api/v1/histograms?run=rb&tag=" + enc("dense/kernel"), 200);
    assertThat(body.get("run").asText()).isEqualTo("rb");
    assertThat(body.get("tag").asText()).isEqualTo("dense/kernel");
    JsonNode histograms = body.get("histograms");
    assertThat(histograms).hasSize(10);
    for (int step = 0; step < 10; step++) {
      JsonNode h = histograms.get(step);
      Histogram expected = MediaLogs.kernel(step);
      assertThat(h.get("step").asLong()).isEqualTo(step);
      assertThat(h.get("wall_time").asDouble()).isEqualTo(MediaLogs.WALL + step);
      assertThat(h.get("min").asDouble()).isEqualTo(expected.min());
      assertThat(h.get("max").asDouble()).isEqualTo(expected.max());
      assertThat(h.get("num").asDouble()).isEqualTo(expected.count());
      assertThat(h.get("sum").asDouble()).isEqualTo(expected.sum());
      assertThat(h.get("sum_squares").asDouble()).isEqualTo(expected.sumSquares());
      assertThat(doubles(h.get("bucket_limit"))).containsExactly(expected.bucketLimits());
      assertThat(doubles(h.get("bucket"))).containsExactly(expected.bucketCounts());
      assertThat(h.has("estimated")).isFalse();
    }
  }

  @Test
  void stepsPicksKStepsSpreadEvenlyWithTheFirstAndTheLast() throws Exception {
    JsonNode body = get("/api/v1/histograms?run=rb&tag=" + enc("dense/kernel") + "&steps=4", 200);
    List<Long> steps = new ArrayList<>();
    body.get("histograms").forEach(h -> steps.add(h.get("step").asLong()));
    assertThat(steps).containsExactly(0L, 3L, 6L, 9L);
    assertThat(body.get("total").asLong()).isEqualTo(10);
    assertThat(body.get("downsampled").asBoolean()).isTrue();
    JsonNode all = get("/api/v1/histograms?run=rb&tag=" + enc("dense/kernel") + "&steps=50", 200);
    assertThat(all.get("histograms")).hasSize(10);
    assertThat(all.get("downsampled").asBoolean()).isFalse();
  }

  @Test
  void legacyHistoIsExactAndTf2TensorsAreConvertedWithTheirEstimatesMarked() throws Exception {
    JsonNode legacy = get("/api/v1/histograms?run=tf&tag=legacy", 200).get("histograms").get(0);
    assertThat(legacy.get("step").asLong()).isEqualTo(3);
    assertThat(legacy.get("wall_time").asDouble()).isEqualTo(MediaLogs.WALL + 3);
    assertThat(legacy.get("min").asDouble()).isEqualTo(-1.5);
    assertThat(legacy.get("max").asDouble()).isEqualTo(2.25);
    assertThat(legacy.get("num").asDouble()).isEqualTo(7);
    assertThat(legacy.get("sum").asDouble()).isEqualTo(3.5);
    assertThat(legacy.get("sum_squares").asDouble()).isEqualTo(12.125);
    assertThat(doubles(legacy.get("bucket_limit"))).containsExactly(-1, 0, 1, 1.7976931348623157e308);
    assertThat(doubles(legacy.get("bucket"))).containsExactly(1, 2, 3, 1);
    assertThat(legacy.has("estimated")).isFalse();

    // Rows (-1, 0, 2), (0, 1, 5), (1, 3, 3): right edges as limits, sums from bucket centres.
    JsonNode tf2 = get("/api/v1/histograms?run=tf&tag=tf2", 200).get("histograms").get(0);
    assertThat(tf2.get("step").asLong()).isEqualTo(4);
    assertThat(tf2.get("min").asDouble()).isEqualTo(-1);
    assertThat(tf2.get("max").asDouble()).isEqualTo(3);
    assertThat(tf2.get("num").asDouble()).isEqualTo(10);
    assertThat(doubles(tf2.get("bucket_limit"))).containsExactly(0, 1, 3);
    assertThat(doubles(tf2.get("bucket"))).containsExactly(2, 5, 3);
    assertThat(tf2.get("sum").asDouble()).isEqualTo(2 * -0.5 + 5 * 0.5 + 3 * 2.0);
    assertThat(tf2.get("sum_squares").asDouble()).isEqualTo(2 * 0.25 + 5 * 0.25 + 3 * 4.0);
    assertThat(tf2.get("estimated").toString()).isEqualTo("[\"sum\",\"sum_squares\"]");
  }

  @Test
  void distributionsAreTheValuesAtTensorBoardsBasisPoints() throws Exception {
    JsonNode body = get("/api/v1/distributions?run=rb&tag=even", 200);
    assertThat(body.get("basis_points").toString()).isEqualTo("[0,668,1587,3085,5000,6915,8413,9332,10000]");
    JsonNode step = body.get("distributions").get(0);
    assertThat(step.get("step").asLong()).isZero();
    assertThat(step.get("wall_time").asDouble()).isEqualTo(MediaLogs.WALL);
    // One value per bucket (0,1], (1,2], (2,3], (3,4]: worked out in CompressedHistogramTest.
    double[] expected = {0, 0.2672, 0.6348, 1.234, 2, 2.766, 3.3652, 3.7328, 4};
    double[] actual = doubles(step.get("values"));
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).isCloseTo(expected[i], within(1e-9));
    }
    assertThat(get("/api/v1/distributions?run=rb&tag=" + enc("dense/kernel") + "&steps=3", 200)
        .get("distributions")).hasSize(3);
  }

  @Test
  void imagesAreListedWithoutReadingThemAndServedAsLoggedTypedByTheirMagicBytes() throws Exception {
    JsonNode images = get("/api/v1/images?run=rb&tag=samples", 200);
    assertThat(images).hasSize(9);
    Color[] colours = {Color.RED, Color.GREEN, Color.BLUE, Color.ORANGE, Color.MAGENTA};
    String[] types = {"image/png", "image/png", "image/png", "image/png", "image/png", "image/jpeg",
        "image/gif", "image/webp", "application/octet-stream"};
    for (int step = 0; step < 9; step++) {
      JsonNode image = images.get(step);
      assertThat(image.get("step").asLong()).isEqualTo(step);
      assertThat(image.get("wall_time").asDouble()).isEqualTo(MediaLogs.WALL + step);
      assertThat(image.get("index").asInt()).isZero();
      assertThat(image.get("width").asInt()).isEqualTo(8);
      assertThat(image.get("height").asInt()).isEqualTo(6);
      String url = image.get("url").asText();
      assertThat(url).startsWith("/api/v1/images/blob?");
      HttpResponse<byte[]> blob = bytes(url);
      assertThat(blob.statusCode()).isEqualTo(200);
      byte[] expected = switch (step) {
        case 5 -> MediaLogs.jpeg(8, 6, Color.GRAY);
        case 6 -> MediaLogs.gif(8, 6, Color.CYAN);
        case 7 -> MediaLogs.webpHeader();
        case 8 -> MediaLogs.HTML_AS_PNG;
        default -> MediaLogs.png(8, 6, colours[step]);
      };
      assertThat(MediaLogs.sha256(blob.body())).as("bytes of step %d", step).isEqualTo(MediaLogs.sha256(expected));
      assertThat(blob.headers().firstValue("content-type")).hasValue(types[step]);
      assertThat(blob.headers().firstValue("cache-control").orElse("")).contains("immutable");
      assertThat(blob.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    }
    JsonNode tf2 = get("/api/v1/images?run=tf&tag=tf2_image", 200);
    assertThat(tf2).hasSize(1);
    assertThat(tf2.get(0).get("step").asLong()).isEqualTo(1);
    assertThat(tf2.get(0).get("width").asInt()).isEqualTo(8);
    assertThat(tf2.get(0).get("content_type").asText()).isEqualTo("image/png");
    assertThat(MediaLogs.sha256(bytes(tf2.get(0).get("url").asText()).body()))
        .isEqualTo(MediaLogs.sha256(MediaLogs.png(8, 6, Color.YELLOW)));
  }

  @Test
  void aFileClaimingImagePngThatHoldsHtmlIsNeverServedAsHtml() throws Exception {
    JsonNode html = get("/api/v1/images?run=rb&tag=samples", 200).get(8);
    assertThat(html.get("content_type").asText()).as("what the log claims").isEqualTo("image/png");
    HttpResponse<byte[]> blob = bytes(html.get("url").asText());
    assertThat(blob.statusCode()).isEqualTo(200);
    assertThat(blob.body()).isEqualTo(MediaLogs.HTML_AS_PNG);
    assertThat(blob.headers().firstValue("content-type")).hasValue("application/octet-stream");
    assertThat(blob.headers().firstValue("content-disposition").orElse("")).startsWith("attachment");
    assertThat(blob.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(blob.headers().firstValue("content-security-policy").orElse("")).contains("sandbox");
  }

  @Test
  void textIsTheRawMarkdownAndTf2StringMatricesAreTables() throws Exception {
    JsonNode notes = get("/api/v1/text?run=rb&tag=notes", 200);
    assertThat(notes).hasSize(3);
    for (int step = 0; step < 3; step++) {
      assertThat(notes.get(step).get("step").asLong()).isEqualTo(step);
      assertThat(notes.get(step).get("wall_time").asDouble()).isEqualTo(MediaLogs.WALL + step);
      assertThat(notes.get(step).get("text").asText()).isEqualTo("# Step " + step + "\n\n*note* number **" + step + "**");
    }
    JsonNode table = get("/api/v1/text?run=tf&tag=table", 200);
    assertThat(table).hasSize(1);
    assertThat(table.get(0).get("text").asText()).isEqualTo("| name | value |\n| --- | --- |\n| lr | 0.1 |\n");
    assertThat(get("/api/v1/text?run=rb&tag=notes&steps=2", 200)).hasSize(2);
  }

  @Test
  void prCurvesHaveThresholdsAndTheSixRows() throws Exception {
    JsonNode body = get("/api/v1/pr_curves?run=rb&tag=pr", 200);
    JsonNode curves = body.get("pr_curves");
    assertThat(curves).hasSize(2);
    JsonNode first = curves.get(0);
    assertThat(first.get("step").asLong()).isZero();
    assertThat(doubles(first.get("thresholds"))).containsExactly(0, 0.5, 1);
    float[] rows = PrCurve.compute(MediaLogs.PR_LABELS, MediaLogs.PR_PREDICTIONS, 3);
    String[] names = {"true_positives", "false_positives", "true_negatives", "false_negatives", "precision", "recall"};
    for (int r = 0; r < 6; r++) {
      double[] row = doubles(first.get(names[r]));
      for (int i = 0; i < 3; i++) {
        assertThat(row[i]).as("%s[%d]", names[r], i).isEqualTo(rows[r * 3 + i]);
      }
    }
    assertThat(doubles(first.get("true_positives"))).containsExactly(3, 2, 1);
    assertThat(doubles(first.get("recall"))).containsExactly(1, (double) (2f / 3), (double) (1f / 3));

    JsonNode tf = get("/api/v1/pr_curves?run=tf&tag=pr_tf", 200).get("pr_curves").get(0);
    assertThat(tf.get("step").asLong()).isEqualTo(5);
    assertThat(doubles(tf.get("thresholds"))).containsExactly(0, 1);
    assertThat(doubles(tf.get("true_positives"))).containsExactly(4, 1);
    assertThat(doubles(tf.get("false_negatives"))).containsExactly(0, 3);
    assertThat(doubles(tf.get("precision"))).containsExactly((double) (4f / 7), 1);
    assertThat(doubles(tf.get("recall"))).containsExactly(1, 0.25);
  }

  @Test
  void unknownRunsAndTagsAre404AndBadParameters400ProblemDocuments() throws Exception {
    for (String route : List.of("histograms", "distributions", "images", "text", "pr_curves")) {
      problem("/api/v1/" + route + "?run=nope&tag=x", 404, "no run named 'nope'");
      problem("/api/v1/" + route + "?run=rb&tag=nope", 404, "has no");
      problem("/api/v1/" + route + "?run=" + enc("../../etc") + "&tag=passwd", 404, "no run named");
      problem("/api/v1/" + route + "?tag=x", 400, "parameter 'run' is required");
      problem("/api/v1/" + route + "?run=rb", 400, "parameter 'tag' is required");
      problem("/api/v1/" + route + "?run=rb&tag=x&steps=0", 400, "parameter 'steps' must be between");
      problem("/api/v1/" + route + "?run=rb&tag=x&steps=many", 400, "parameter 'steps' is not an integer");
    }
    // A tag of another plugin is not this plugin's.
    problem("/api/v1/histograms?run=rb&tag=samples", 404, "run 'rb' has no histograms tag 'samples'");
    problem("/api/v1/images?run=rb&tag=notes", 404, "run 'rb' has no images tag 'notes'");
    problem("/api/v1/images/blob?key=" + enc("../x"), 400, "parameter 'key' is not an image key");
    problem("/api/v1/images/blob?key=AAAA", 404, "no image with this key");
    problem("/api/v1/images/blob", 400, "parameter 'key' is required");
  }

  @Test
  void theOpenApiDocumentDescribesEveryPluginRoute() throws Exception {
    JsonNode doc = get("/api/v1/openapi.json", 200);
    assertThat(doc.get("openapi").asText()).startsWith("3.1");
    JsonNode paths = doc.get("paths");
    for (String route : List.of("histograms", "distributions", "images", "images/blob", "text", "pr_curves")) {
      JsonNode get = paths.get("/api/v1/" + route).get("get");
      assertThat(get.get("summary").asText()).as(route).isNotBlank();
      assertThat(get.get("responses").has("404")).as(route).isTrue();
    }
    List<String> parameters = new ArrayList<>();
    paths.get("/api/v1/histograms").get("get").get("parameters").forEach(p -> parameters.add(
        p.get("name").asText() + (p.get("required").asBoolean() ? "!" : "") + ":" + p.get("schema").get("type").asText()));
    assertThat(parameters).containsExactly("run!:string", "tag!:string", "steps:integer");
    assertThat(paths.has("/api/v1/runs")).isTrue();
    assertThat(paths.has("/api/v1/scalars")).isTrue();
  }

  private void problem(String path, int status, String detail) throws Exception {
    HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type").orElse("")).contains("application/problem+json");
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("detail").asText()).as(path).contains(detail);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.runboard");
  }

  private JsonNode get(String path, int status) throws Exception {
    HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
    return json.readTree(response.body());
  }

  private HttpResponse<byte[]> bytes(String path) throws Exception {
    return http.send(request(path), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
