package dev.runboard.ui;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.Histogram;
import dev.runboard.eventlog.HistogramEvent;
import dev.runboard.web.ServerReady;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A measurement, not a test (its name keeps it out of the suite): how long the histograms
 * dashboard takes to paint a tag of 10,000 steps x 30 buckets in a real Chromium, over several
 * fresh page loads. Prints, and writes to {@code target/perf/histograms-paint.txt}, the median
 * time from the data's arrival in the browser to the painted frame, and from the navigation's
 * start. Run it with
 * {@code ./mvnw -q -pl backend -am verify -Dtest=HistogramPaintMeasurement -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HistogramPaintMeasurement {
  private static final int STEPS = 10_000;
  private static final int BUCKETS = 30;
  private static final int LOADS = 7;

  @TempDir static Path logdir;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  @BeforeAll
  static void writeLongTag() throws IOException {
    try (EventLogWriter writer = EventLogWriter.open(logdir.resolve("hist"))) {
      Random random = new Random(1);
      float[] values = new float[1000];
      for (int s = 0; s < STEPS; s++) {
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (random.nextGaussian() * (1 + s / (double) STEPS));
        }
        writer.write(new HistogramEvent("weights", s, 1_700_000_000.0 + s, Histogram.of(values, BUCKETS)));
      }
    }
  }

  @Test
  void paintTimes() throws IOException {
    ServerReady.await(port);
    double[] fromData = new double[LOADS];
    double[] fromNavigation = new double[LOADS];
    ChromeDriver browser = Chromium.start();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      browser.get("http://localhost:" + port + "/histograms"); // warm-up: caches, JIT
      wait.until(b -> !b.findElements(By.cssSelector("runboard-histogram-chart[painted-at]")).isEmpty());
      for (int i = 0; i < LOADS; i++) {
        browser.get("http://localhost:" + port + "/histograms");
        wait.until(b -> !b.findElements(By.cssSelector("runboard-histogram-chart[painted-at]")).isEmpty());
        WebElement chart = browser.findElement(By.cssSelector("runboard-histogram-chart[painted-at]"));
        if (chart.findElements(By.cssSelector("g.histogram")).size() != 50) {
          throw new IllegalStateException("expected 50 steps drawn");
        }
        fromData[i] = Double.parseDouble(chart.getAttribute("paint-ms"));
        fromNavigation[i] = Double.parseDouble(chart.getAttribute("painted-at"));
      }
    } finally {
      Screenshots.save(browser, "histograms-10000-steps.png");
      browser.quit();
    }
    Arrays.sort(fromData);
    Arrays.sort(fromNavigation);
    String line = String.format(Locale.ROOT,
        "histograms paint: %d steps x %d buckets, 50 steps drawn, %d page loads: median %.1f ms from the data's"
            + " arrival to the painted frame (max %.1f), %.0f ms from the navigation's start (max %.0f)%n",
        STEPS, BUCKETS, LOADS, fromData[LOADS / 2], fromData[LOADS - 1], fromNavigation[LOADS / 2],
        fromNavigation[LOADS - 1]);
    System.out.print(line);
    Path report = Path.of("target", "perf", "histograms-paint.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, line, StandardCharsets.UTF_8);
  }
}
