package dev.runboard.scalars;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.logdir.TfEventsTestdata;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.runboard.web.ServerReady;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The server over the shared TensorBoard logdir: every run and scalar tag, every point. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TfEventsServeTest {
  @LocalServerPort int port;

  @BeforeEach
  void loaded() {
    ServerReady.await(port);
  }
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void requireTestdata() {
    TfEventsTestdata.root();
  }

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> System.getProperty("runboard.testdata", "../../shared/testdata/tfevents"));
  }

  @Test
  void runsAndScalarsListEveryRunTagAndPoint() throws Exception {
    List<String> actual = new ArrayList<>();
    int points = 0;
    for (JsonNode run : get("/api/v1/runs")) {
      String name = run.get("name").asText();
      actual.add(name);
      for (JsonNode tag : run.get("scalar_tags")) {
        JsonNode series =
            get("/api/v1/scalars?run=" + enc(name) + "&tag=" + enc(tag.asText()));
        actual.add("  " + tag.asText() + " " + series.get("step").size());
        points += series.get("value").size();
      }
    }
    assertThat(String.join("\n", actual) + "\n").isEqualTo(TfEventsTestdata.SCALARS_PER_RUN);
    assertThat(points).isEqualTo(TfEventsTestdata.SCALAR_POINTS);
    JsonNode sin =
        get("/api/v1/scalars?run=" + enc("HyoungsungKim__Pytorch-tensorboard_tutorial/scalar/tutorial/sin and cos/sin")
            + "&tag=sin_and_cos");
    assertThat(sin.get("step").get(1).asLong()).isEqualTo(-359);
    assertThat(sin.get("value").get(1).asDouble()).isEqualTo(0.017452405765652657);
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
