package dev.runboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.web.ServerReady;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shared run list over 10,000 runs in a real Chromium: the regex filter, sorting by a column,
 * "only filtered" into the URL, and a colour chosen for a run that the charts take and a reload
 * keeps.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RunGridBrowserTest {
  static final int RUNS = 10_000;
  @TempDir static Path logdir;

  @LocalServerPort int port;
  private ChromeDriver browser;
  private DashboardPage page;

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  /** One run written by the real writer, its files copied to every other; one run has more points. */
  @BeforeAll
  static void writeRuns() throws IOException {
    Path template = logdir.resolve("run00000");
    try (EventLogWriter w = EventLogWriter.open(template)) {
      for (int s = 0; s < 10; s++) {
        w.scalar("loss", s, 1.0 / (s + 1));
      }
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(template)) {
      files = list.toList();
    }
    for (int r = 1; r < RUNS; r++) {
      Path run = logdir.resolve(String.format("run%05d", r));
      Files.createDirectories(run);
      for (Path f : files) {
        Files.copy(f, run.resolve(f.getFileName()));
      }
    }
    try (EventLogWriter w = EventLogWriter.open(logdir.resolve("run01234"))) {
      for (int s = 10; s < 100; s++) {
        w.scalar("loss", s, 1.0 / (s + 1));
      }
    }
  }

  @BeforeEach
  void openBrowser() {
    ServerReady.await(port);
    browser = Chromium.start();
    page = new DashboardPage(browser);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private long gridSize() {
    return (Long) page.js("return document.getElementById('run-selector').size;");
  }

  @Test
  void tenThousandRunsFilterSortSelectAndKeepTheirColours() throws Exception {
    browser.get("http://localhost:" + port + "/scalars");
    page.wait.until(b -> b.findElement(By.id("runs-count")).getText().equals(RUNS + " runs"));
    assertThat(gridSize()).isEqualTo(RUNS);

    long started = System.nanoTime();
    page.type("run-filter", "^run0(12|34)");
    page.wait.until(b -> b.findElement(By.id("runs-count")).getText().equals("200 of " + RUNS + " runs"));
    System.out.printf("run grid: filtering %d runs by regex took %.0f ms (typing and the lazy value change included)%n",
        RUNS, (System.nanoTime() - started) / 1e6);
    assertThat(gridSize()).isEqualTo(200);

    // Sort by points, largest first: the run with more points comes to the top.
    WebElement sorter = page.wait.until(b -> b.findElements(By.cssSelector("#run-selector vaadin-grid-sorter")).stream()
        .filter(s -> s.getText().trim().equals("Points")).findFirst().orElse(null));
    // A click moves the sorter one state on (none, asc, desc: Vaadin 24's values): click, look, again.
    page.waitFor(() -> "the Points sorter descending; it is " + sorter.getAttribute("direction"), b -> {
      if ("desc".equals(sorter.getAttribute("direction"))) {
        return true;
      }
      sorter.click();
      return false;
    });
    String topNames = "const names = [...document.querySelectorAll('#run-selector .run-name')]"
        + ".filter(e => e.offsetParent !== null && e.closest('vaadin-grid-cell-content').assignedSlot);"
        + " names.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);"
        + " return names.slice(0, 3).map(e => e.textContent + ' ' + e.closest('vaadin-grid-cell-content').assignedSlot"
        + ".parentElement.parentElement.innerText.replace(/\\s+/g, ' ')).join(' | ');";
    page.waitFor(() -> "run01234 at the top, sorted by points; the top rows are " + page.js(topNames),
        b -> String.valueOf(page.js(topNames)).startsWith("run01234 "));

    browser.findElement(By.id("runs-select-filtered")).click();
    page.wait.until(b -> page.url().contains("runs=%7E") || page.url().contains("runs=~"));
    WebElement card = page.ready("loss");
    page.wait.until(b -> page.lineNames(card).size() == 200);
    page.screenshot("runs-grid.png");

    // A colour chosen in the grid reaches the chart, and the browser keeps it across a reload.
    page.js("const input = [...document.querySelectorAll('#run-selector input.run-color')]"
        + ".find(i => i.title.startsWith('Colour of run01234:'));"
        + " input.value = '#ff0000'; input.dispatchEvent(new Event('change', {bubbles: true}));");
    page.wait.until(b -> "#ff0000".equals(page.js(
        "return arguments[0].runs.find(r => r.name === 'run01234').color;", card)));
    page.wait.until(b -> page.js("return localStorage.getItem('runboard.colors') || '';").toString().contains("#ff0000"));
    browser.navigate().refresh();
    WebElement again = page.ready("loss");
    page.wait.until(b -> "#ff0000".equals(page.js(
        "const r = arguments[0].runs.find(r => r.name === 'run01234'); return r ? r.color : null;", again)));
  }
}
