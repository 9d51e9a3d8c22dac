package dev.runboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.bench.HParamsSweepLogdir;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hparams dashboard in real Chromium over 21 TensorBoard sessions: a mouse drag along the
 * learning-rate axis of the parallel coordinates filters the table to the sessions the API's own
 * filter keeps for that range; diverged metrics are shown as such; clicking a session's run opens
 * the scalars dashboard with that run selected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HParamsBrowserTest {
  static final int SESSIONS = 21;

  @TempDir static Path logdir;
  private static Map<String, Map<String, Object>> hparams;

  @LocalServerPort int port;
  private ChromeDriver browser;

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  @BeforeAll
  static void writeSweep() throws IOException {
    hparams = HParamsSweepLogdir.write(logdir, SESSIONS, 7);
  }

  @BeforeEach
  void openBrowser() {
    ServerReady.await(port);
    browser = Chromium.start();
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void brushingAnAxisFiltersTheTableAndASessionOpensInScalars() throws Exception {
    browser.get("http://localhost:" + port + "/hparams");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    wait.until(b -> count().equals(SESSIONS + " of " + SESSIONS + " sessions"));
    wait.until(b -> paints("#hparams-parallel") >= 1 && paints("#hparams-scatter") >= 1);
    assertThat(gridSize()).isEqualTo(SESSIONS);
    // One session in 7 diverged (run-0003, run-0010, run-0017): shown, marked, not dropped.
    wait.until(b -> !b.findElements(By.cssSelector("#hparams-table vaadin-grid-cell-content .diverged")).isEmpty());
    assertThat(browser.findElements(By.cssSelector("#hparams-table vaadin-grid-cell-content .diverged")).get(0).getText())
        .isEqualTo("NaN (diverged)");

    // Drag along the lower half of the learning-rate axis.
    WebElement canvas = browser.findElement(By.cssSelector("#hparams-parallel canvas"));
    @SuppressWarnings("unchecked")
    Map<String, Number> axis = (Map<String, Number>) js(
        "return document.querySelector('#hparams-parallel').axisPosition('h:learning_rate');");
    int width = canvas.getSize().getWidth();
    int height = canvas.getSize().getHeight();
    int x = axis.get("x").intValue() - width / 2;
    int yBottom = axis.get("bottom").intValue() - 2 - height / 2;
    int yMiddle = (axis.get("top").intValue() + axis.get("bottom").intValue()) / 2 - height / 2;
    new Actions(browser).moveToElement(canvas, x, yBottom).clickAndHold().moveByOffset(0, -20)
        .moveToElement(canvas, x, yMiddle).release().perform();

    WebElement lrFilter = browser.findElement(By.cssSelector("vaadin-text-field[data-column='h:learning_rate']"));
    wait.until(b -> lrFilter.getAttribute("value") != null && lrFilter.getAttribute("value").contains(".."));
    String range = lrFilter.getAttribute("value");
    // The API's own filter with the same range keeps the same sessions.
    int expected = new ObjectMapper().readTree(api("/api/v1/hparams?hparam.learning_rate=" + URLEncoder.encode(range, StandardCharsets.UTF_8)))
        .get("sessions").size();
    double from = Double.parseDouble(range.substring(0, range.indexOf("..")));
    double to = Double.parseDouble(range.substring(range.indexOf("..") + 2));
    long inRange = hparams.values().stream().map(h -> (Double) h.get("learning_rate")).filter(lr -> lr >= from && lr <= to).count();
    assertThat(expected).isEqualTo((int) inRange).isGreaterThan(0).isLessThan(SESSIONS);
    wait.until(b -> count().equals(expected + " of " + SESSIONS + " sessions"));
    assertThat(gridSize()).isEqualTo(expected);
    Files.createDirectories(Path.of("target", "screenshots"));
    Files.write(Path.of("target", "screenshots", "hparams.png"), browser.getScreenshotAs(OutputType.BYTES));

    // Clicking a session's run selects its runs for the scalars dashboard and goes there.
    WebElement link = browser.findElement(By.cssSelector("#hparams-table vaadin-grid-cell-content .session-link"));
    String run = link.getText().trim();
    link.click();
    wait.until(b -> b.getCurrentUrl().contains("/scalars"));
    wait.until(b -> !b.findElements(By.tagName("runboard-line-chart")).isEmpty());
    WebElement chart = browser.findElements(By.tagName("runboard-line-chart")).get(0);
    wait.until(b -> List.of(run).equals(js("return arguments[0].lineNames();", chart)));
  }

  private String count() {
    List<WebElement> found = browser.findElements(By.id("hparams-count"));
    return found.isEmpty() ? "" : found.get(0).getText().trim();
  }

  private int paints(String selector) {
    Object n = js("const e = document.querySelector(arguments[0]); return e ? e.paints() : 0;", selector);
    return ((Number) n).intValue();
  }

  private int gridSize() {
    return ((Number) js("return document.querySelector('#hparams-table').size;")).intValue();
  }

  private String api(String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }
}
