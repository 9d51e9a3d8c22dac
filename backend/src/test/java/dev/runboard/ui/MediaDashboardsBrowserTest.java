package dev.runboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.HistogramEvent;
import dev.runboard.media.MediaLogs;
import dev.runboard.web.ServerReady;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The histogram, distribution, image, text and PR-curve dashboards in a real headless Chromium
 * over the hand-built logs of {@link MediaLogs}: cards per tag, the controls, deep links that
 * survive a reload, live data, and each dashboard's screenshot.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MediaDashboardsBrowserTest {
  @TempDir static Path logdir;

  @LocalServerPort int port;
  private ChromeDriver browser;
  private WebDriverWait wait;
  private String screenshot;

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  @BeforeAll
  static void writeLogs() throws IOException {
    MediaLogs.writeAll(logdir);
  }

  @BeforeEach
  void openBrowser() {
    ServerReady.await(port);
    browser = Chromium.start();
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterEach
  void closeBrowser() throws IOException {
    if (browser != null) {
      if (screenshot != null) {
        Screenshots.save(browser, screenshot);
      }
      browser.quit();
    }
  }

  @Test
  void histogramsShowACardPerTagToggleModesFollowTheUrlAndGrowLive() throws Exception {
    try (EventLogWriter live = EventLogWriter.open(logdir.resolve("live"))) {
      live.write(new HistogramEvent("live/weights", 0, MediaLogs.WALL, MediaLogs.kernel(0)));
      live.flush();
      ServerReady.await(port);
      open("/histograms");
      wait.until(b -> cardTags().containsAll(List.of("dense/kernel", "even", "legacy", "live/weights", "tf2")));
      WebElement kernel = card("dense/kernel");
      WebElement chart = kernel.findElement(By.cssSelector(".runboard-run-panel[run='rb'] runboard-histogram-chart"));
      wait.until(b -> steps(chart, "rb").size() == 10);
      assertThat(js("return arguments[0].mode;", chart)).isEqualTo("offset");
      wait.until(b -> !chart.findElements(By.cssSelector("g.histogram")).isEmpty());
      assertThat(chart.findElements(By.cssSelector("g.histogram"))).hasSize(10);

      // Hover shows the step, the bucket and its count.
      new Actions(browser).moveToElement(chart.findElement(By.cssSelector("rect.hover-area")), 0, 20).perform();
      WebElement tooltip = chart.findElement(By.cssSelector(".histogram-tooltip"));
      wait.until(b -> tooltip.isDisplayed() && tooltip.getText().contains("step"));
      assertThat(tooltip.getText()).containsPattern("step \\d+ · \\(.+, .+\\] · count .+");

      js("window.__sameHistogramsPage = true;");
      radio("histograms-mode", "Overlay").click();
      wait.until(b -> "overlay".equals(js("return arguments[0].mode;", chart(card("dense/kernel")))));
      wait.until(b -> browser.getCurrentUrl().contains("histograms.mode=overlay"));

      // A histogram logged now appears without a reload.
      live.write(new HistogramEvent("live/weights", 1, MediaLogs.WALL + 1, MediaLogs.kernel(1)));
      live.flush();
      wait.until(b -> steps(chart(card("live/weights")), "live").contains(1L));
      assertThat(js("return window.__sameHistogramsPage === true;")).isEqualTo(true);

      // The mode survives a reload (the URL holds it), and the tag filter narrows the cards.
      browser.navigate().refresh();
      wait.until(b -> cardTags().contains("dense/kernel"));
      wait.until(b -> "overlay".equals(js("return arguments[0].mode;", chart(card("dense/kernel")))));
      WebElement filter = browser.findElement(By.cssSelector("#histograms-tag-filter input"));
      filter.sendKeys("^(dense|tf2)");
      wait.until(b -> cardTags().equals(List.of("dense/kernel", "tf2")));
      radio("histograms-mode", "Offset").click();
      wait.until(b -> "offset".equals(js("return arguments[0].mode;", chart(card("dense/kernel")))));
      screenshot = "histograms.png";
    }
  }

  @Test
  void distributionsDrawNineValuesPerStepOverTheChosenAxis() {
    open("/distributions");
    wait.until(b -> cardTags().contains("dense/kernel"));
    WebElement chart = chart(card("dense/kernel"));
    wait.until(b -> Long.valueOf(10).equals(js("return arguments[0].pointCount();", chart)));
    wait.until(b -> !chart.findElements(By.tagName("canvas")).isEmpty());
    assertThat(js("return arguments[0].axis();", chart)).isEqualTo("step");
    radio("distributions-x", "Wall").click();
    wait.until(b -> "wall".equals(js("return arguments[0].axis();", chart(card("dense/kernel")))));
    wait.until(b -> browser.getCurrentUrl().contains("distributions.x=wall"));
    radio("distributions-x", "Step").click();
    wait.until(b -> "step".equals(js("return arguments[0].axis();", chart(card("dense/kernel")))));
    screenshot = "distributions.png";
  }

  @Test
  void imagesShowOneStepAtATimeChosenWithTheSliderAndKeptInTheUrl() {
    open("/images");
    wait.until(b -> cardTags().containsAll(List.of("samples", "tf2_image")));
    // The latest step of 'samples' holds HTML claiming to be a PNG: it is not shown, and says so.
    wait.until(b -> "8".equals(imageStep("samples", "rb")));
    wait.until(b -> "error".equals(panel(card("samples"), "rb").findElement(By.cssSelector(".runboard-state")).getAttribute("state")));
    assertThat(panel(card("samples"), "rb").findElements(By.cssSelector("img.runboard-image")))
        .as("one step's images only").hasSize(1);

    slide(panel(card("samples"), "rb"), 0);
    wait.until(b -> "0".equals(imageStep("samples", "rb")));
    wait.until(b -> Long.valueOf(8).equals(js("const i = document.querySelector(\".runboard-card[tag='samples']"
        + " .runboard-run-panel[run='rb'] img.runboard-image\"); return i && i.complete ? i.naturalWidth : -1;")));
    assertThat(panel(card("samples"), "rb").findElement(By.cssSelector(".runboard-step-label")).getText())
        .startsWith("step 0 (1 of 9)");
    wait.until(b -> browser.getCurrentUrl().contains("images.step.samples%40rb=0")
        || browser.getCurrentUrl().contains("images.step.samples@rb=0"));

    browser.findElement(By.cssSelector("#images-fit input")).click();
    wait.until(b -> imageStyle("samples", "rb").contains("width: 100%"));
    setRange("images-brightness", 150);
    wait.until(b -> imageStyle("samples", "rb").contains("brightness(150%)"));

    // A reload shows the same step, fitted, brighter.
    browser.navigate().refresh();
    wait.until(b -> cardTags().contains("samples"));
    wait.until(b -> "0".equals(imageStep("samples", "rb")));
    wait.until(b -> imageStyle("samples", "rb").contains("brightness(150%)"));
    wait.until(b -> imageStyle("samples", "rb").contains("width: 100%"));
    screenshot = "images.png";
  }

  @Test
  void textRendersMarkdownAndTablesChangesWithTheSliderAndShowsRaw() {
    open("/text");
    wait.until(b -> cardTags().containsAll(List.of("notes", "table")));
    // The markdown is re-rendered as data arrives, so each check reads the DOM in one script.
    wait.until(b -> "Step 2".equals(markdownText("notes", "h1")));
    wait.until(b -> "2".equals(markdownText("notes", "strong")));
    slide(card("notes"), 0);
    wait.until(b -> "Step 0".equals(markdownText("notes", "h1")));
    wait.until(b -> Long.valueOf(2).equals(js("return document.querySelectorAll("
        + "\".runboard-card[tag='table'] runboard-markdown table tr\").length;")));
    assertThat(markdownText("table", "table th")).isEqualTo("name");

    browser.findElement(By.cssSelector("#text-raw input")).click();
    wait.until(b -> "# Step 0\n\n*note* number **0**".equals(markdownText("notes", "pre.raw")));
    browser.findElement(By.cssSelector("#text-raw input")).click();
    wait.until(b -> "Step 0".equals(markdownText("notes", "h1")));
    screenshot = "text.png";
  }

  @Test
  void prCurvesOverlayRunsAtTheChosenStepWithAHover() {
    open("/pr-curves");
    wait.until(b -> cardTags().containsAll(List.of("pr", "pr_tf")));
    WebElement chart = card("pr").findElement(By.tagName("runboard-pr-curve-chart"));
    wait.until(b -> Long.valueOf(1).equals(js("return arguments[0].curveStep('rb');", chart)));
    wait.until(b -> !chart.findElements(By.cssSelector("path.pr-curve")).isEmpty());
    slide(card("pr"), 0);
    wait.until(b -> Long.valueOf(0).equals(js("return arguments[0].curveStep('rb');",
        card("pr").findElement(By.tagName("runboard-pr-curve-chart")))));
    WebElement current = card("pr").findElement(By.tagName("runboard-pr-curve-chart"));
    new Actions(browser).moveToElement(current.findElement(By.cssSelector("svg rect")), 10, 10).perform();
    WebElement tooltip = current.findElement(By.cssSelector(".pr-tooltip"));
    wait.until(b -> tooltip.isDisplayed());
    assertThat(tooltip.getText()).containsPattern("threshold [0-9.]+ · precision [0-9.]+ · recall [0-9.]+");
    screenshot = "pr-curves.png";
  }

  @Test
  void dashboardsWithNothingForTheSelectedRunsAreGreyedOut() {
    open("/histograms");
    wait.until(b -> cardTags().contains("dense/kernel"));
    wait.until(b -> "false".equals(browser.findElement(By.id("tab-images")).getAttribute("inactive")));
    browser.findElement(By.id("runs-select-none")).click();
    for (String tab : List.of("histograms", "distributions", "images", "text", "pr-curves")) {
      wait.until(b -> "true".equals(browser.findElement(By.id("tab-" + tab)).getAttribute("inactive")));
    }
    wait.until(b -> "empty".equals(browser.findElement(By.id("histograms-state")).getAttribute("state")));
    browser.findElement(By.id("runs-select-all")).click();
    wait.until(b -> "false".equals(browser.findElement(By.id("tab-text")).getAttribute("inactive")));
  }

  // ---------------------------------------------------------------------------------------------

  private void open(String path) {
    browser.get("http://localhost:" + port + path);
  }

  private List<String> cardTags() {
    return browser.findElements(By.cssSelector(".runboard-card")).stream().map(c -> c.getAttribute("tag")).toList();
  }

  private WebElement card(String tag) {
    return browser.findElements(By.cssSelector(".runboard-card")).stream()
        .filter(c -> tag.equals(c.getAttribute("tag")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no card for " + tag));
  }

  private static WebElement panel(WebElement card, String run) {
    return card.findElement(By.cssSelector(".runboard-run-panel[run='" + run + "']"));
  }

  private static WebElement chart(WebElement card) {
    return card.findElement(By.cssSelector("runboard-histogram-chart, runboard-distribution-chart"));
  }

  private WebElement radio(String group, String label) {
    return browser.findElements(By.cssSelector("#" + group + " vaadin-radio-button")).stream()
        .filter(r -> r.getText().trim().equals(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no radio button " + label + " in " + group));
  }

  /** Moves the slider of a card (or panel) to a position, as a user dragging it would. */
  private void slide(WebElement container, int position) {
    WebElement input = container.findElement(By.cssSelector(".runboard-step-slider input"));
    js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        input, position);
  }

  private void setRange(String id, int value) {
    js("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
        + " e.dispatchEvent(new Event('input', {bubbles: true}));", id, value);
  }

  /** An attribute of the first image of a run's panel, read in one step (images are replaced as steps change). */
  private String imageAttribute(String tag, String run, String attribute) {
    return (String) js("const i = document.querySelector(`.runboard-card[tag='${arguments[0]}'] "
        + ".runboard-run-panel[run='${arguments[1]}'] img.runboard-image`);"
        + " return i ? i.getAttribute(arguments[2]) : null;", tag, run, attribute);
  }

  private String imageStep(String tag, String run) {
    return imageAttribute(tag, run, "step");
  }

  private String imageStyle(String tag, String run) {
    String style = imageAttribute(tag, run, "style");
    return style == null ? "" : style;
  }

  /** The text of the first element matching a selector inside a card's markdown, or null; read in one step. */
  private String markdownText(String tag, String selector) {
    return (String) js("const e = document.querySelector(`.runboard-card[tag='${arguments[0]}'] runboard-markdown "
        + "${arguments[1]}`); return e ? e.innerText : null;", tag, selector);
  }

  @SuppressWarnings("unchecked")
  private List<Long> steps(WebElement chart, String series) {
    return (List<Long>) js("return arguments[0].steps(arguments[1]);", chart, series);
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }
}
