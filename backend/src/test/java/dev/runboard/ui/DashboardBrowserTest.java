package dev.runboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.eventlog.EventLogWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard in a real headless Chromium against a real server: one card per tag, one line per
 * run, and points written after the page loaded appear without a reload (the card reads its last
 * columns again).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserTest {
  @TempDir static Path logdir;

  @LocalServerPort int port;
  private ChromeDriver browser;

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  @BeforeEach
  void openBrowser() {
    browser = Chromium.start();
  }

  @AfterEach
  void closeBrowser() throws IOException {
    if (browser != null) {
      Path screenshot = Path.of("target", "screenshots", "dashboard.png");
      Files.createDirectories(screenshot.getParent());
      Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
      browser.quit();
    }
  }

  @Test
  void chartsPerTagUpdateLiveWithoutAReloadAndFollowTheRunSelection() throws Exception {
    try (EventLogWriter alpha = EventLogWriter.open(logdir.resolve("alpha"));
        EventLogWriter beta = EventLogWriter.open(logdir.resolve("beta"))) {
      for (int step = 0; step < 50; step++) {
        alpha.scalar("loss", step, 2.0 / (step + 1));
        alpha.scalar("accuracy", step, step / 50.0);
        beta.scalar("loss", step, 3.0 / (step + 1));
      }
      alpha.flush();
      beta.flush();

      browser.get("http://localhost:" + port + "/");
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      wait.until(b -> charts().size() == 2);
      assertThat(charts()).extracting(c -> c.getAttribute("tag")).containsExactly("accuracy", "loss");
      WebElement loss = chart("loss");
      wait.until(b -> lineNames(loss).size() == 2);
      assertThat(lineNames(loss)).containsExactlyInAnyOrder("alpha", "beta");
      assertThat(pointCount(loss, "alpha")).isEqualTo(50);
      wait.until(b -> !loss.findElements(By.tagName("canvas")).isEmpty());

      // Mark this page load: a reload would lose the mark.
      js("window.__runboardTestMark = 'same page';");

      alpha.scalar("loss", 1000, 0.01);
      alpha.scalar("learning_rate", 1000, 0.001); // a new tag: a new chart
      alpha.flush();

      wait.until(b -> stepsOf(loss, "alpha").contains(1000L));
      wait.until(b -> charts().size() == 3);
      assertThat(charts())
          .extracting(c -> c.getAttribute("tag"))
          .containsExactly("accuracy", "learning_rate", "loss");
      // The card draws M4 buckets at its pixel width: once step 1000 stretches the axis, the 50
      // early points share a few columns, so the count drawn depends on the width; the first and
      // last points of the old range always survive, and the new one is there.
      assertThat(stepsOf(loss, "alpha")).contains(0L, 49L, 1000L);
      assertThat(pointCount(loss, "alpha")).isBetween(3L, 51L);
      assertThat(js("return window.__runboardTestMark;")).isEqualTo("same page");

      // Clicking a run in the run list deselects it and takes its lines off the charts.
      WebElement betaRow =
          browser.findElements(By.cssSelector("#run-selector vaadin-grid-cell-content")).stream()
              .filter(cell -> cell.getText().trim().equals("beta"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no row for run beta"));
      betaRow.click();
      wait.until(b -> lineNames(chart("loss")).equals(List.of("alpha")));
    }
  }

  private List<WebElement> charts() {
    return browser.findElements(By.tagName("runboard-scalar-card"));
  }

  private WebElement chart(String title) {
    return charts().stream()
        .filter(c -> title.equals(c.getAttribute("tag")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no chart titled " + title));
  }

  @SuppressWarnings("unchecked")
  private List<String> lineNames(WebElement chart) {
    return (List<String>) js("return arguments[0].lineNames();", chart);
  }

  private long pointCount(WebElement chart, String line) {
    return (Long) js("return arguments[0].pointCount(arguments[1]);", chart, line);
  }

  @SuppressWarnings("unchecked")
  private List<Long> stepsOf(WebElement chart, String line) {
    return (List<Long>) js("return arguments[0].steps(arguments[1]);", chart, line);
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }
}
