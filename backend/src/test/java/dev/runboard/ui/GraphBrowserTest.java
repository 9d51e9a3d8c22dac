package dev.runboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.GraphEvent;
import dev.runboard.eventlog.GraphNode;
import dev.runboard.eventlog.ModelGraph;
import dev.runboard.trainer.losses.SparseCategoricalCrossentropy;
import dev.runboard.trainer.metrics.Accuracy;
import dev.runboard.trainer.model.SeedModels;
import dev.runboard.trainer.model.Sequential;
import dev.runboard.trainer.optimizers.Adam;
import dev.runboard.web.ServerReady;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The graph dashboard in real Chromium: a synthetic 10,000-node graph opens with only its
 * top-level scopes, a click opens a scope, search finds a node deep inside and opens the scopes
 * around it; the seed CNN opens as its layers (the lone model scope is opened).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GraphBrowserTest {
  static final int SCOPES = 20;
  static final int SUBSCOPES = 10;
  static final int OPS = 50;

  @TempDir static Path logdir;

  @LocalServerPort int port;
  private ChromeDriver browser;
  private GraphViewPage page;
  private String screenshot = "graph.png";

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  @BeforeAll
  static void writeGraphs() throws Exception {
    Sequential cnn = SeedModels.seedCnn(28, 28, 1, 10);
    cnn.compile(new Adam(0.001), new SparseCategoricalCrossentropy(), new Accuracy());
    try (EventLogWriter writer = EventLogWriter.open(logdir.resolve("cnn/train"))) {
      writer.write(new GraphEvent(1_700_000_000, cnn.graph()));
    }
    try (EventLogWriter writer = EventLogWriter.open(logdir.resolve("big"))) {
      writer.write(new GraphEvent(1_700_000_000, syntheticGraph()));
    }
  }

  /** 10,000 ops in 20 scopes of 10 sub-scopes, each fed by the op before it: the size of a TF1 graph. */
  static ModelGraph syntheticGraph() {
    List<GraphNode> nodes = new ArrayList<>(SCOPES * SUBSCOPES * OPS);
    String previous = null;
    for (int s = 0; s < SCOPES; s++) {
      for (int b = 0; b < SUBSCOPES; b++) {
        for (int o = 0; o < OPS; o++) {
          String name = String.format(Locale.ROOT, "scope%02d/sub%02d/op_%04d", s, b, o);
          String op = List.of("MatMul", "Add", "Relu", "Identity", "Mul").get(o % 5);
          nodes.add(new GraphNode(name, op, previous == null ? List.of() : List.of(previous), List.of(-1L, 64L), 0,
              Map.of("T", "DT_FLOAT")));
          previous = name;
        }
      }
    }
    return new ModelGraph(nodes); // read back from the Arrow log, its source is Runboard
  }

  @BeforeEach
  void openBrowser() {
    ServerReady.await(port);
    browser = Chromium.start();
    page = new GraphViewPage(browser);
  }

  @AfterEach
  void closeBrowser() throws IOException {
    if (browser != null) {
      Path file = Path.of("target", "screenshots", screenshot);
      Files.createDirectories(file.getParent());
      Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
      browser.quit();
    }
  }

  @Test
  void aTenThousandNodeGraphOpensCollapsedExpandsOnClickAndSearchFindsANode() {
    screenshot = "graph-large.png";
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    // Baseline in the same browser and moment: the 10-node CNN, opened the same way.
    browser.get("http://localhost:" + port + "/graphs?graphs.run=cnn/train");
    wait.until(b -> page.layoutCount() >= 1);
    double baseline = page.openMillis();
    browser.get("http://localhost:" + port + "/graphs?graphs.run=big");
    wait.until(b -> page.layoutCount() >= 1);
    // Opened with its top-level scopes only.
    List<String> visible = page.visibleItems();
    assertThat(visible).hasSize(SCOPES).allMatch(id -> id.startsWith("g:scope") && !id.contains("/"));
    double open = page.openMillis();
    double sincePageStart = ((Number) js("return document.querySelector('#graph-view').openedAt();")).doubleValue();
    String load = loadAverage();
    System.out.printf(Locale.ROOT, "GRAPH-SCALE: 10,000-node graph opened collapsed in %.0f ms from its data to the drawn"
        + " layout (%.0f ms after the page started loading); the 10-node CNN in %.0f ms (%.1fx); load average %s%n",
        open, sincePageStart, baseline, open / baseline, load);
    writeFigure("graph-open.txt", String.format(Locale.ROOT, "big %.0f ms (page %.0f ms), cnn %.0f ms, ratio %.1f, load %s%n",
        open, sincePageStart, baseline, open / baseline, load));

    // A click on a collapsed scope opens it: its sub-scopes appear in its place. (A scope in view:
    // the graph opens at a readable scale from its inputs, so later scopes start off-screen.)
    int before = page.layoutCount();
    browser.findElement(By.cssSelector("#graph-view g[data-id='g:scope01']")).click();
    wait.until(b -> page.layoutCount() > before);
    assertThat(page.visibleItems()).contains("g:scope01/sub00", "g:scope01/sub09", "g:scope02");
    assertThat(page.expandedScopes()).containsExactly("scope01");

    // Search finds an op three levels down, opens the scopes around it and selects it.
    int beforeSearch = page.layoutCount();
    browser.findElement(By.cssSelector("#graph-search input")).sendKeys("scope07/sub02/op_0010");
    wait.until(b -> page.layoutCount() > beforeSearch && "n:scope07/sub02/op_0010".equals(page.selectedItem()));
    assertThat(page.visibleItems()).contains("n:scope07/sub02/op_0010", "n:scope07/sub02/op_0011", "g:scope07/sub03");
    WebElement panel = browser.findElement(By.cssSelector("#graph-view .graph-side-panel"));
    wait.until(b -> panel.getText().contains("scope07/sub02/op_0010"));
    assertThat(panel.getText()).contains("Op: MatMul", "Output shape: (None, 64)", "Inputs (1)", "scope07/sub02/op_0009",
        "Outputs (1)", "scope07/sub02/op_0011");
  }

  @Test
  void theSeedCnnOpensAsItsLayersWithShapesAndParameterCounts() {
    browser.get("http://localhost:" + port + "/graphs?graphs.run=cnn/train");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    wait.until(b -> page.layoutCount() >= 1);
    // The model's lone scope is opened: its ten layers are what one sees.
    assertThat(page.expandedScopes()).containsExactly("sequential");
    assertThat(page.visibleItems()).filteredOn(id -> id.startsWith("n:")).hasSize(10)
        .contains("n:sequential/input", "n:sequential/conv2d", "n:sequential/dense_1");
    String drawn = (String) js("return document.querySelector('#graph-view svg').textContent;");
    assertThat(drawn).contains("Conv2D(32, 3x3, relu)", "320 params", "(None, 26, 26, 32)", "Dense(10, softmax)", "650 params");
    // The chain is wider than the view at a readable size: search brings a layer into view.
    browser.findElement(By.cssSelector("#graph-search input")).sendKeys("dense");
    wait.until(b -> "n:sequential/dense".equals(page.selectedItem()));
    WebElement panel = browser.findElement(By.cssSelector("#graph-view .graph-side-panel"));
    wait.until(b -> panel.getText().contains("Parameters: 36,928"));
    assertThat(panel.getText()).contains("Op: Dense", "Output shape: (None, 64)", "units: 64", "activation: relu");
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private Object js(String script) {
    return page.js(script);
  }

  static void writeFigure(String name, String text) {
    try {
      Path file = Path.of("target", "figures", name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
