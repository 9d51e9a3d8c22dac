package dev.runboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.EventLogWriterOptions;
import dev.runboard.eventlog.RunMetadataEvent;
import dev.runboard.web.ServerReady;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scalars dashboard's controls in a real headless Chromium against a real server: smoothing,
 * tag filter, drag-zoom with a refetch of more detail, live points during a zoom, deep links over
 * a reload and back/forward, grouping with bands, hover, restart markers, downloads, dark mode and
 * the loading, empty and error states. Each test saves a screenshot under
 * {@code target/screenshots/} (referenced from the README).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScalarsBrowserTest {
  static final int LONG = 200_000;
  @TempDir static Path logdir;
  @TempDir Path downloads;

  @LocalServerPort int port;
  private ChromeDriver browser;
  private DashboardPage page;

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  private static EventLogWriterOptions at(double seconds) {
    return EventLogWriterOptions.defaults().withClock(Clock.fixed(Instant.ofEpochMilli((long) (seconds * 1000)), ZoneOffset.UTC));
  }

  @BeforeAll
  static void writeRuns() throws IOException {
    double t0 = 1_764_000_000;
    String[] runs = {"alpha", "beta", "gamma"};
    for (int r = 0; r < runs.length; r++) {
      Random random = new Random(r);
      try (EventLogWriter w = EventLogWriter.open(logdir.resolve(runs[r]), at(t0))) {
        w.write(new RunMetadataEvent(t0, Map.of("lr", r == 1 ? 0.01 : 0.1), t0, "host", "test", "runboard", "0", Map.of()));
        for (int s = 0; s < 2000; s++) {
          double loss = Math.exp(-s / 600.0) * (1 + 0.4 * random.nextGaussian()) + 0.1 * r + (s == 1234 ? 2 : 0);
          w.scalar("train/loss", s, t0 + s, loss);
          if (s % 10 == 0) {
            w.scalar("train/accuracy", s, t0 + s, 1 - Math.exp(-s / 500.0));
          }
          if (s % 100 == 0) {
            w.scalar("validation/loss", s, t0 + s, Math.exp(-s / 700.0) + 0.05 * r);
          }
        }
      }
    }
    try (EventLogWriter w = EventLogWriter.open(logdir.resolve("resumed"), at(t0))) {
      for (int s = 0; s < 300; s++) {
        w.scalar("train/loss", s, t0 + s, 1.0 / (1 + s / 50.0));
      }
    }
    try (EventLogWriter w = EventLogWriter.open(logdir.resolve("resumed"), at(t0 + 400).withResumeStep(200))) {
      for (int s = 200; s < 500; s++) {
        w.scalar("train/loss", s, t0 + 400 + s, 0.9 / (1 + s / 50.0));
      }
    }
    try (EventLogWriter w = EventLogWriter.open(logdir.resolve("long"), at(t0))) {
      for (int s = 0; s < LONG; s++) {
        w.scalar("long/signal", s, t0 + s * 0.01, Math.sin(s / 3000.0) + 0.2 * Math.sin(s * 0.7));
      }
    }
  }

  @BeforeEach
  void openBrowser() {
    ServerReady.await(port);
    browser = Chromium.start(downloads);
    page = new DashboardPage(browser);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private void open(String query) {
    browser.get("http://localhost:" + port + "/scalars" + query);
  }

  @SuppressWarnings("unchecked")
  private static List<Number> list(Map<String, Object> drawn, String key) {
    return (List<Number>) drawn.get(key);
  }

  private static double totalVariation(List<Number> y) {
    double tv = 0;
    for (int i = 1; i < y.size(); i++) {
      if (y.get(i) != null && y.get(i - 1) != null) {
        tv += Math.abs(y.get(i).doubleValue() - y.get(i - 1).doubleValue());
      }
    }
    return tv;
  }

  @Test
  void theSmoothingSliderChangesTheDrawnData() throws Exception {
    open("?runs=alpha");
    WebElement card = page.ready("train/loss");
    Map<String, Object> before = page.drawn(card, "alpha");
    assertThat(list(before, "raw")).as("raw line drawn faint behind the smoothed one").isNotNull();
    assertThat(page.requests(card).get(page.requests(card).size() - 1).get("smoothing")).isEqualTo("ema:0.6");
    page.slide(0.95);
    page.wait.until(b -> {
      List<Map<String, Object>> requests = page.requests(card); // one snapshot: the log changes meanwhile
      return !requests.isEmpty() && "ema:0.95".equals(requests.get(requests.size() - 1).get("smoothing"));
    });
    page.ready("train/loss");
    Map<String, Object> after = page.drawn(card, "alpha");
    assertThat(list(after, "y")).isNotEqualTo(list(before, "y"));
    assertThat(totalVariation(list(after, "y"))).isLessThan(totalVariation(list(before, "y")) / 2);
    assertThat(browser.findElement(By.id("smoothing-value")).getText()).isEqualTo("0.950");
    page.screenshot("scalars-smoothing.png");

    page.choose("smoothing-kind", "None");
    page.wait.until(b -> page.drawn(card, "alpha") != null && page.drawn(card, "alpha").get("raw") == null);
    assertThat(page.url()).contains("scalars.smoothing=none");
  }

  @Test
  void theTagFilterHidesCards() throws Exception {
    open("");
    page.wait.until(b -> page.visibleTags().size() == 4);
    assertThat(page.visibleTags()).containsExactlyInAnyOrder("long/signal", "train/accuracy", "train/loss", "validation/loss");
    page.type("tag-filter", "^VALID");
    page.wait.until(b -> page.visibleTags().equals(List.of("validation/loss")));
    assertThat(page.url()).contains("scalars.tags=");
    page.screenshot("scalars-tag-filter.png");
    page.type("tag-filter", "(unclosed");
    page.wait.until(b -> String.valueOf(page.js("return document.querySelector('#tag-filter').helperText;"))
        .contains("Not a regular expression"));
    assertThat(page.visibleTags()).hasSize(4);
  }

  @Test
  void dragZoomReadsANarrowerRangeWithMoreDetailAndLivePointsKeepTheZoom() throws Exception {
    open("?runs=long&scalars.smoothing=none:0.6");
    WebElement card = page.ready("long/signal");
    Map<String, Object> whole = page.drawn(card, "long");
    int wholePoints = list(whole, "x").size();
    assertThat(wholePoints).isLessThan(LONG / 10); // downsampled to the card's width
    page.js("arguments[0].scrollIntoView({block: 'center'});", card); // clear of the sticky toolbar
    WebElement plot = page.plotArea(card);
    int width = plot.getRect().getWidth();
    int height = plot.getRect().getHeight();
    long before = page.requestCount(card);
    new Actions(browser).moveToElement(plot, (int) (width * 0.45) - width / 2, 0).clickAndHold()
        .moveByOffset((int) (width * 0.05), 0).release().perform();
    page.waitFor(() -> "a read of the dragged range; the card asked for " + page.requests(card)
            + ", its zoom is " + page.js("return JSON.stringify(arguments[0].zoomRange());", card),
        b -> page.requestCount(card) > before && page.requests(card).get(page.requests(card).size() - 1).get("from") != null);
    page.ready("long/signal");
    Map<String, Object> request = page.requests(card).get(page.requests(card).size() - 1);
    double from = DashboardPage.number(request.get("from"));
    double to = DashboardPage.number(request.get("to"));
    assertThat(to - from).isBetween(LONG * 0.03, LONG * 0.07);
    assertThat(DashboardPage.number(request.get("points"))).isGreaterThan(100);
    long inRangeBefore = list(whole, "x").stream().filter(x -> x.doubleValue() >= from && x.doubleValue() <= to).count();
    List<Number> zoomedX = list(page.drawn(card, "long"), "x");
    long inRangeAfter = zoomedX.stream().filter(x -> x.doubleValue() >= from && x.doubleValue() <= to).count();
    assertThat(inRangeAfter).as("more detail after the zoom").isGreaterThan(2 * inRangeBefore);
    page.screenshot("scalars-zoom.png");

    // Zoom again, to a range narrow enough that every real point is drawn, once.
    new Actions(browser).moveToElement(plot, (int) (width * 0.50) - width / 2, 0).clickAndHold()
        .moveByOffset(Math.max(4, (int) (width * 0.004)), 0).release().perform();
    page.waitFor(() -> "a narrow zoom; the card asked for " + page.requests(card), b -> DashboardPage.number(page.requests(card).get(page.requests(card).size() - 1).get("to"))
        - DashboardPage.number(page.requests(card).get(page.requests(card).size() - 1).get("from")) < LONG * 0.001);
    page.ready("long/signal");
    Map<String, Object> narrow = page.requests(card).get(page.requests(card).size() - 1);
    double nf = DashboardPage.number(narrow.get("from"));
    double nt = DashboardPage.number(narrow.get("to"));
    List<Long> steps = list(page.drawn(card, "long"), "x").stream().map(Number::longValue)
        .filter(x -> x >= nf && x <= nt).toList();
    List<Long> every = new ArrayList<>();
    for (long s = (long) Math.ceil(nf); s <= (long) Math.floor(nt); s++) {
      every.add(s);
    }
    assertThat(steps).as("every real point in the range, once").isEqualTo(every);

    // Live points while zoomed: a writer resumes the run where it ended; the card reads again,
    // keeping the zoom.
    Map<String, Object> zoom = page.viewRange(card);
    long requests = page.requestCount(card);
    // The session starts when its first point is logged: the purge rule places points in sessions by wall time.
    try (EventLogWriter w = EventLogWriter.open(logdir.resolve("long"), at(1_764_000_000 + LONG * 0.01).withResumeStep(LONG))) {
      for (int s = LONG; s < LONG + 1000; s++) {
        w.scalar("long/signal", s, 1_764_000_000 + s * 0.01, 5);
      }
    }
    page.wait.until(b -> page.requestCount(card) > requests);
    page.ready("long/signal");
    assertThat(page.viewRange(card)).isEqualTo(zoom);
    List<Map<String, Object>> live = page.requests(card).subList((int) requests, page.requests(card).size());
    for (Map<String, Object> read : live) {
      if ("full".equals(read.get("kind"))) {
        assertThat(read.get("from")).as("a read after the live points kept the zoom").isEqualTo(narrow.get("from"));
      }
    }

    // A double-click shows everything again, the new points included.
    new Actions(browser).moveToElement(plot).doubleClick().perform();
    page.waitFor(() -> "everything in view after a double-click; the view is " + page.viewRange(card) + ", the zoom "
            + page.js("return JSON.stringify(arguments[0].zoomRange());", card) + ", the last reads "
            + page.requests(card).subList(Math.max(0, page.requests(card).size() - 3), page.requests(card).size())
            + ", the server's last points " + page.js("const r = new XMLHttpRequest(); r.open('GET', 'api/v1/scalars?run=long&tag=long/signal&x=step&from="
            + (LONG - 5) + "', false); r.send(); return r.responseText.substring(0, 400);"),
        b -> DashboardPage.number(page.viewRange(card).get("to")) >= LONG + 999);
    assertThat(height).isPositive();
  }

  @Test
  void aDeepLinkRestoresTheViewAfterAReloadAndBackForwardWork() throws Exception {
    open("");
    page.ready("train/loss");
    page.choose("smoothing-kind", "Time-weighted EMA");
    page.slide(0.8);
    page.choose("x-axis", "Relative");
    browser.findElement(By.id("log-y")).click();
    page.type("tag-filter", "loss");
    page.wait.until(b -> page.visibleTags().size() == 2);
    page.card("train/loss").findElement(By.xpath("./..")).findElement(By.cssSelector(".card-pin")).click();
    page.wait.until(b -> !b.findElements(By.cssSelector("#pinned-section runboard-scalar-card[tag='train/loss']")).isEmpty());
    page.type("run-filter", "^(alpha|beta)$");
    page.wait.until(b -> b.findElement(By.id("runs-count")).getText().startsWith("2 of"));
    browser.findElement(By.id("runs-select-filtered")).click();
    page.wait.until(b -> page.url().contains("runs=%7E") || page.url().contains("runs=~"));
    String url = page.url();
    for (String key : List.of("scalars.smoothing=twema", "scalars.x=relative", "scalars.logy=1", "scalars.tags=loss",
        "scalars.pinned=", "runs.filter=")) {
      assertThat(url).contains(key);
    }

    browser.navigate().refresh();
    WebElement card = page.ready("train/loss");
    page.wait.until(b -> "^(alpha|beta)$".equals(b.findElement(By.cssSelector("#run-filter input")).getAttribute("value")));
    assertThat(browser.findElement(By.cssSelector("#tag-filter input")).getAttribute("value")).isEqualTo("loss");
    assertThat(Double.parseDouble(browser.findElement(By.id("smoothing")).getAttribute("value"))).isEqualTo(0.8);
    assertThat(browser.findElement(By.id("x-axis")).getText()).contains("Relative");
    assertThat(browser.findElement(By.id("smoothing-kind")).getText()).contains("Time-weighted EMA");
    assertThat(browser.findElement(By.id("log-y")).getAttribute("checked")).isNotNull();
    assertThat(browser.findElements(By.cssSelector("#pinned-section runboard-scalar-card[tag='train/loss']"))).hasSize(1);
    assertThat(page.visibleTags()).containsExactlyInAnyOrder("train/loss", "validation/loss");
    page.wait.until(b -> page.lineNames(card).equals(List.of("alpha", "beta")));
    assertThat(page.js("return arguments[0].settings.smoothing + ' ' + arguments[0].settings.x;", card))
        .isEqualTo("twema:0.8 relative");
    page.screenshot("scalars-deep-link.png");

    // Back: the run selection before "only filtered"; forward: after it.
    browser.navigate().back();
    page.wait.until(b -> page.lineNames(page.card("train/loss")).size() == 4);
    browser.navigate().forward();
    page.wait.until(b -> page.lineNames(page.card("train/loss")).equals(List.of("alpha", "beta")));
  }

  @Test
  void groupingDrawsOneMeanLineAndABandPerGroup() throws Exception {
    open("?runs=alpha,beta,gamma");
    WebElement card = page.ready("train/loss");
    page.type("group-by", "hparam:lr");
    browser.findElement(By.cssSelector("#group-by input")).sendKeys(Keys.ENTER);
    page.wait.until(b -> page.js("return arguments[0].chart().bandNames().join(',');", card).equals("0.01,0.1"));
    page.ready("train/loss");
    assertThat(page.lineNames(card)).contains("group:0.01", "group:0.1");
    assertThat(page.url()).contains("scalars.group=hparam");
    browser.findElement(By.id("show-runs")).click();
    page.wait.until(b -> page.lineNames(card).containsAll(List.of("alpha", "beta", "gamma")));
    page.screenshot("scalars-groups.png");
    page.choose("band", "Min – max");
    page.wait.until(b -> "minmax".equals(page.js("return arguments[0].settings.band;", card)));
  }

  @Test
  void hoveringListsEveryRunAtTheCursorAndHighlightsTheNearest() throws Exception {
    open("?runs=alpha,beta,gamma");
    WebElement card = page.ready("validation/loss");
    WebElement plot = page.plotArea(card);
    new Actions(browser).moveToElement(plot, -plot.getRect().getWidth() / 4, 0).perform();
    WebElement tooltip = page.wait.until(b -> {
      WebElement t = card.findElement(By.cssSelector(".runboard-chart-tooltip"));
      return t.isDisplayed() ? t : null;
    });
    List<WebElement> rows = tooltip.findElements(By.cssSelector(".runboard-tooltip-row"));
    assertThat(rows).hasSize(3);
    assertThat(tooltip.getText()).contains("alpha").contains("beta").contains("gamma").contains("Smoothed");
    assertThat(rows.get(0).getCssValue("font-weight")).isEqualTo("600");
    page.screenshot("scalars-hover.png");
  }

  @Test
  void restartsAreMarkedOnTheAxisWithATooltip() throws Exception {
    open("?runs=resumed&scalars.smoothing=none:0.6");
    WebElement card = page.ready("train/loss");
    assertThat(page.js("return arguments[0].chart().markerCount();", card)).isEqualTo(1L);
    WebElement plot = page.plotArea(card);
    double left = DashboardPage.number(page.js("return arguments[0].chart()._plot.valToPos(200, 'x');", card));
    new Actions(browser).moveToElement(plot, (int) Math.round(left) - plot.getRect().getWidth() / 2, 0).perform();
    WebElement note = page.wait.until(b -> card.findElements(By.cssSelector(".runboard-marker-note")).stream()
        .filter(WebElement::isDisplayed).findFirst().orElse(null));
    assertThat(note.getText()).contains("resumed").contains("restarted at step 200");
    page.screenshot("scalars-restarts.png");
  }

  @Test
  void cardsDownloadFullResolutionCsvAndJsonAndAPng() throws Exception {
    open("?runs=alpha,beta");
    WebElement card = page.ready("train/loss");
    for (String format : List.of("csv", "json", "png")) {
      WebElement frame = card.findElement(By.xpath("./.."));
      frame.findElement(By.cssSelector(".card-download vaadin-menu-bar-button")).click();
      page.wait.until(b -> b.findElement(By.id("download-" + format)).isDisplayed()).booleanValue();
      browser.findElement(By.id("download-" + format)).click();
      Path file = downloads.resolve("train_loss." + format);
      page.wait.until(b -> Files.exists(file) && file.toFile().length() > 0);
    }
    List<String> csv = Files.readAllLines(downloads.resolve("train_loss.csv"), StandardCharsets.UTF_8);
    assertThat(csv.get(0)).isEqualTo("run,tag,step,wall_time,value,smoothed");
    assertThat(csv).hasSize(1 + 2 * 2000); // every point of both runs, not the drawn buckets
    assertThat(csv.get(1)).startsWith("alpha,train/loss,0,");
    String json = Files.readString(downloads.resolve("train_loss.json"));
    assertThat(json).contains("\"run\": \"beta\"");
    byte[] png = Files.readAllBytes(downloads.resolve("train_loss.png"));
    assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
  }

  @Test
  void darkModeLoadingEmptyAndErrorStates() throws Exception {
    open("?runs=alpha");
    WebElement card = page.ready("train/accuracy");
    browser.findElement(By.id("theme-toggle")).click();
    page.wait.until(b -> "dark".equals(page.js("return document.documentElement.getAttribute('theme');")));
    assertThat(browser.findElement(By.id("theme-toggle")).getAttribute("data-mode")).isEqualTo("dark");
    page.ready("train/accuracy");
    page.screenshot("scalars-dark.png");
    browser.navigate().refresh();
    page.wait.until(b -> "dark".equals(page.js("return document.documentElement.getAttribute('theme');")));

    // Loading: a slow server shows the bar along the card's top while the read is under way.
    card = page.ready("train/accuracy");
    page.js("const real = window.fetch; window.__realFetch = real;"
        + " window.fetch = (...a) => new Promise(r => setTimeout(r, 1500)).then(() => real(...a));"
        + " arguments[0].reload();", card);
    WebElement slow = card;
    page.wait.until(b -> slow.getAttribute("loading") != null);
    assertThat(slow.findElement(By.cssSelector(".runboard-card-loading")).isDisplayed()).isTrue();
    page.wait.until(b -> slow.getAttribute("loading") == null);

    // Unreachable: the card says so and retries by itself.
    page.js("window.fetch = () => Promise.reject(new TypeError('Failed to fetch')); arguments[0].reload();", card);
    page.wait.until(b -> "error".equals(page.js("return arguments[0].state();", slow)));
    assertThat(card.findElement(By.cssSelector(".runboard-card-state")).getText()).contains("Cannot read the data");
    page.screenshot("scalars-error.png");
    page.js("window.fetch = window.__realFetch;");
    page.wait.until(b -> "ready".equals(page.js("return arguments[0].state();", slow)));

    open("?runs=");
    WebElement empty = page.wait.until(b -> {
      WebElement e = b.findElement(By.id("scalars-empty"));
      return e.isDisplayed() ? e : null;
    });
    assertThat(empty.getText()).contains("No run is selected");
    page.screenshot("scalars-empty.png");
  }
}
