package dev.runboard.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.eventlog.tfevents.proto.EventProtos.Event;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.Summary;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.TensorProto;
import dev.runboard.logdir.TfEventsTestdata;
import dev.runboard.web.ServerReady;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every histogram, image, text and PR curve of the real-world event files, through the HTTP API:
 * counts per run and tag as a reference decoder here counts them (record framing and Event protos
 * read directly, not through Runboard's tfevents reader), and every image's exact bytes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MediaTestdataTest {
  /** Totals the testdata README lists (histo 10 + 120 + 10, image 8 + 5, pr_curves tensors 5). */
  private static final int README_HISTOGRAMS = 140;
  private static final int README_IMAGES = 13;
  private static final int README_PR_CURVES = 5;

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void requireTestdata() {
    TfEventsTestdata.root(); // skips the class where the folder is absent (fails under CI=true)
  }

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> System.getProperty("runboard.testdata", "../../shared/testdata/tfevents"));
  }

  @BeforeEach
  void loaded() {
    ServerReady.await(port);
  }

  /** What the reference decoder found in one run: per plugin, per tag, the steps (images: the bytes). */
  private record Expected(Map<String, Map<String, List<Long>>> steps, Map<String, List<byte[]>> images) {}

  @Test
  void everyHistogramImageTextAndPrCurveOfTheCorpusIsServed() throws Exception {
    Map<String, Expected> expected = decodeCorpus(TfEventsTestdata.root());
    int histograms = 0;
    int images = 0;
    int prCurves = 0;
    for (Map.Entry<String, Expected> run : expected.entrySet()) {
      Expected e = run.getValue();
      JsonNode tags = runJson(run.getKey()).get("tags");
      for (String plugin : List.of("histograms", "images", "text", "pr_curves")) {
        Map<String, List<Long>> byTag = e.steps().getOrDefault(plugin, Map.of());
        List<String> served = new ArrayList<>();
        if (tags.has(plugin)) {
          tags.get(plugin).forEach(t -> served.add(t.asText()));
        }
        assertThat(served).as("%s tags of %s", plugin, run.getKey()).containsExactlyInAnyOrderElementsOf(byTag.keySet());
        for (Map.Entry<String, List<Long>> tag : byTag.entrySet()) {
          List<Long> steps = servedSteps(plugin, run.getKey(), tag.getKey());
          assertThat(steps).as("%s steps of %s / %s", plugin, run.getKey(), tag.getKey())
              .containsExactlyElementsOf(tag.getValue());
          switch (plugin) {
            case "histograms" -> histograms += steps.size();
            case "images" -> images += steps.size();
            case "pr_curves" -> prCurves += steps.size();
            default -> { }
          }
        }
      }
      for (Map.Entry<String, List<byte[]>> tag : e.images().entrySet()) {
        JsonNode list = get("/api/v1/images?run=" + enc(run.getKey()) + "&tag=" + enc(tag.getKey()));
        for (int i = 0; i < list.size(); i++) {
          HttpResponse<byte[]> blob = http.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + list.get(i).get("url").asText())).build(),
              HttpResponse.BodyHandlers.ofByteArray());
          assertThat(blob.statusCode()).isEqualTo(200);
          assertThat(MediaLogs.sha256(blob.body())).as("image %d of %s / %s", i, run.getKey(), tag.getKey())
              .isEqualTo(MediaLogs.sha256(tag.getValue().get(i)));
          assertThat(blob.headers().firstValue("content-type").orElse("")).startsWith("image/");
        }
      }
    }
    assertThat(histograms).isEqualTo(README_HISTOGRAMS);
    assertThat(images).isEqualTo(README_IMAGES);
    assertThat(prCurves).isEqualTo(README_PR_CURVES);
  }

  private List<Long> servedSteps(String plugin, String run, String tag) throws Exception {
    JsonNode body = get("/api/v1/" + plugin + "?run=" + enc(run) + "&tag=" + enc(tag));
    JsonNode entries = body.isArray() ? body : body.get(plugin);
    List<Long> steps = new ArrayList<>();
    entries.forEach(entry -> steps.add(entry.get("step").asLong()));
    return steps;
  }

  private JsonNode runJson(String name) throws Exception {
    for (JsonNode run : get("/api/v1/runs")) {
      if (run.get("name").asText().equals(name)) {
        return run;
      }
    }
    throw new AssertionError("no run " + name);
  }

  // ---------------------------------------------------------------------------------------------
  // The reference decoder: TFRecord framing and TensorBoard's plugin rules, nothing else.

  private static Map<String, Expected> decodeCorpus(Path root) throws IOException {
    Map<String, Expected> runs = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().contains("tfevents")).sorted().toList();
    }
    for (Path file : files) {
      Path dir = root.relativize(file.getParent());
      String run = dir.toString().isEmpty() ? "." : dir.toString().replace('\\', '/');
      Expected e = runs.computeIfAbsent(run, r -> new Expected(new TreeMap<>(), new TreeMap<>()));
      Map<String, String> pluginOfTag = new HashMap<>();
      for (byte[] record : records(file)) {
        Event event = Event.parseFrom(record);
        if (!event.hasSummary()) {
          continue;
        }
        for (Summary.Value v : event.getSummary().getValueList()) {
          String tag = v.getTag().toStringUtf8();
          if (v.hasMetadata() && v.getMetadata().hasPluginData()) {
            pluginOfTag.put(tag, v.getMetadata().getPluginData().getPluginName().toStringUtf8());
          }
          String plugin = pluginOfTag.getOrDefault(tag, "");
          long step = event.getStep();
          if (v.hasHisto()) {
            add(e, "histograms", tag, step);
          } else if (v.hasImage()) {
            add(e, "images", tag, step);
            e.images().computeIfAbsent(tag, t -> new ArrayList<>()).add(v.getImage().getEncodedImageString().toByteArray());
          } else if (v.hasTensor()) {
            TensorProto t = v.getTensor();
            switch (plugin) {
              case "histograms", "text", "pr_curves" -> add(e, plugin, tag, step);
              case "images" -> {
                int samples = t.getStringValCount() - 2;
                for (int i = 0; i < samples; i++) {
                  String sampleTag = samples == 1 ? tag : tag + "/image/" + i;
                  add(e, "images", sampleTag, step);
                  e.images().computeIfAbsent(sampleTag, s -> new ArrayList<>()).add(t.getStringVal(i + 2).toByteArray());
                }
              }
              default -> { }
            }
          }
        }
      }
    }
    return runs;
  }

  private static void add(Expected e, String plugin, String tag, long step) {
    e.steps().computeIfAbsent(plugin, p -> new TreeMap<>()).computeIfAbsent(tag, t -> new ArrayList<>()).add(step);
  }

  /** TFRecord payloads: 8-byte little-endian length, 4-byte CRC, payload, 4-byte CRC. */
  private static List<byte[]> records(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    List<byte[]> out = new ArrayList<>();
    while (b.remaining() >= 12) {
      int length = (int) b.getLong();
      b.getInt();
      byte[] payload = new byte[length];
      b.get(payload);
      b.getInt();
      out.add(payload);
    }
    return out;
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
