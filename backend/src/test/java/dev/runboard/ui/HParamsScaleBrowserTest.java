package dev.runboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.bench.HParamsSweepLogdir;
import dev.runboard.web.ServerReady;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * 2,000 sessions x 10 hparams x 5 metrics in the hparams dashboard: every session reaches the
 * table and the parallel coordinates. The paint time is printed and written to
 * target/figures/hparams-paint.txt for docs/PERFORMANCE.md (measured, not asserted).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HParamsScaleBrowserTest {
  static final int SESSIONS = 2000;

  @TempDir static Path logdir;

  @LocalServerPort int port;
  private ChromeDriver browser;

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  @BeforeAll
  static void writeSweep() throws IOException {
    HParamsSweepLogdir.write(logdir, SESSIONS, 1);
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
  void twoThousandSessionsReachTheTableAndTheParallelCoordinates() {
    browser.get("http://localhost:" + port + "/hparams");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
    wait.until(b -> !b.findElements(By.id("hparams-count")).isEmpty()
        && b.findElement(By.id("hparams-count")).getText().trim().equals(SESSIONS + " of " + SESSIONS + " sessions"));
    wait.until(b -> js("const e = document.querySelector('#hparams-parallel'); return e && e.paints() > 0;").equals(true));
    assertThat(((Number) js("return document.querySelector('#hparams-table').size;")).intValue()).isEqualTo(SESSIONS);
    assertThat(((java.util.List<?>) js("return document.querySelector('#hparams-parallel').axisKeys();"))).hasSize(15);
    double paint = ((Number) js("return document.querySelector('#hparams-parallel').paintMillis();")).doubleValue();
    // A full repaint (as a brush does), timed in the page.
    double repaint = ((Number) js(
        "const e = document.querySelector('#hparams-parallel'); const t = performance.now();"
            + " e.setMask(new Array(" + SESSIONS + ").fill(true).map((x, i) => i % 2 == 0)); return performance.now() - t;")).doubleValue();
    System.out.printf(Locale.ROOT, "HPARAMS-SCALE: %d sessions x 15 axes: parallel coordinates parsed and painted in %.0f ms,"
        + " repainted with a filter mask in %.0f ms%n", SESSIONS, paint, repaint);
    GraphBrowserTest.writeFigure("hparams-paint.txt", String.format(Locale.ROOT, "%.0f %.0f%n", paint, repaint));
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }
}
