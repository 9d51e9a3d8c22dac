package dev.runboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.logdir.TfEventsTestdata;
import dev.runboard.web.ServerReady;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every real graph_def in the shared test data renders in Chromium: it opens at its first level
 * with more than one thing in it, scopes collapsed (TensorFlow 1's inputs, layers, loss and train;
 * PyTorch's input, module and output), exactly the items the API's scopes predict, and search finds
 * its most deeply nested op.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TestdataGraphsBrowserTest {
  private static final String TENSORFLOW = "MorvanZhou__tutorials/tensorflowTUT/tf15_tensorboard/logs";
  private static final String PYTORCH = "ZeroToMax-ZYZ__study_tensorboard/runs/graph_experiment";

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private ChromeDriver browser;
  private GraphViewPage page;

  @BeforeAll
  static void requireTestdata() {
    TfEventsTestdata.root();
  }

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> TfEventsTestdata.root().toString());
  }

  @BeforeEach
  void openBrowser() {
    ServerReady.await(port);
    browser = Chromium.start();
    page = new GraphViewPage(browser);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aTensorFlow1GraphOpensAtItsTopLevelScopes() throws Exception {
    JsonNode graph = opened(TENSORFLOW, "graph-testdata-tensorflow.png");
    assertThat(page.expandedScopes()).isEmpty();
    assertThat(page.visibleItems()).contains("g:inputs", "g:train")
        .allMatch(id -> !id.substring(2).contains("/"))
        .hasSizeLessThan(graph.get("nodes").size());
    findsDeepestNode(graph);
  }

  @Test
  void aPyTorchGraphOpensAsInputModuleOutput() throws Exception {
    JsonNode graph = opened(PYTORCH, "graph-testdata-pytorch.png");
    assertThat(page.expandedScopes()).isEmpty();
    assertThat(page.visibleItems()).containsExactlyInAnyOrder("g:input", "g:SimpleCNN", "g:output");
    findsDeepestNode(graph);
  }

  /** Opens the run's graph and checks that exactly the items the scopes predict are drawn. */
  private JsonNode opened(String run, String screenshot) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
        "http://localhost:" + port + "/api/v1/graph?run=" + URLEncoder.encode(run, StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode graph = new ObjectMapper().readTree(response.body());
    browser.get("http://localhost:" + port + "/graphs?graphs.run=" + URLEncoder.encode(run, StandardCharsets.UTF_8));
    new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> page.layoutCount() >= 1);
    assertThat(page.visibleItems()).containsExactlyInAnyOrderElementsOf(expectedOpening(graph));
    save(screenshot);
    return graph;
  }

  /**
   * The items drawn when a graph opens, from the API's document: the top level, and inside a lone
   * top-level scope (and a lone scope inside that, ...) its contents, the scope boxes included.
   */
  private static Set<String> expectedOpening(JsonNode graph) {
    Map<String, List<String>> childGroups = new LinkedHashMap<>();
    Map<String, List<String>> childNodes = new LinkedHashMap<>();
    childGroups.put("", new ArrayList<>());
    childNodes.put("", new ArrayList<>());
    for (JsonNode g : graph.get("groups")) {
      childGroups.put(g.get("name").asText(), new ArrayList<>());
      childNodes.put(g.get("name").asText(), new ArrayList<>());
    }
    for (JsonNode g : graph.get("groups")) {
      childGroups.get(g.get("parent").asText()).add(g.get("name").asText());
    }
    for (JsonNode n : graph.get("nodes")) {
      childNodes.get(n.get("group").asText()).add(n.get("name").asText());
    }
    Set<String> items = new HashSet<>();
    String level = "";
    while (true) {
      for (String g : childGroups.get(level)) {
        items.add("g:" + g);
      }
      for (String n : childNodes.get(level)) {
        items.add("n:" + n);
      }
      if (childGroups.get(level).size() != 1 || !childNodes.get(level).isEmpty()) {
        return items;
      }
      level = childGroups.get(level).get(0);
    }
  }

  /** Search by the full name of the most deeply nested op opens the scopes around it and selects it. */
  private void findsDeepestNode(JsonNode graph) {
    String deepest = null;
    for (JsonNode n : graph.get("nodes")) {
      String name = n.get("name").asText();
      if (deepest == null || name.split("/").length > deepest.split("/").length) {
        deepest = name;
      }
    }
    int before = page.layoutCount();
    String target = deepest;
    browser.findElement(By.cssSelector("#graph-search input")).sendKeys(target);
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(b -> page.layoutCount() > before && ("n:" + target).equals(page.selectedItem()));
    assertThat(page.visibleItems()).contains("n:" + target);
    assertThat(browser.findElement(By.cssSelector("#graph-view .graph-side-panel")).getText()).contains(target);
  }

  private void save(String name) throws IOException {
    Path file = Path.of("target", "screenshots", name);
    Files.createDirectories(file.getParent());
    Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
  }
}
