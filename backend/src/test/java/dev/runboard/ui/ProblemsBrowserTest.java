package dev.runboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.web.ServerReady;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Damaged log files show in the dashboard, not only in the server's log: a problems button in the
 * navbar opens the list with file, byte offset and what was done. A file name holding markup is
 * shown as text, never run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProblemsBrowserTest {
  @TempDir static Path logdir;
  private static final String EVIL_NAME = "events.<img src=x onerror=alert(1)>.arrows";

  @LocalServerPort int port;
  private ChromeDriver browser;

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  @BeforeAll
  static void writeRuns() throws IOException {
    try (EventLogWriter writer = EventLogWriter.open(logdir.resolve("good"))) {
      writer.scalar("loss", 0, 1.0);
    }
    Files.createDirectories(logdir.resolve("damaged"));
    Files.write(logdir.resolve("damaged").resolve(EVIL_NAME), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  }

  @BeforeEach
  void openBrowser() {
    ServerReady.await(port);
    browser = Chromium.start();
  }

  @AfterEach
  void closeBrowser() throws IOException {
    if (browser != null) {
      Path screenshot = Path.of("target", "screenshots", "problems.png");
      Files.createDirectories(screenshot.getParent());
      Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
      browser.quit();
    }
  }

  @Test
  void theProblemsButtonListsDamagedFilesAsText() {
    browser.get("http://localhost:" + port + "/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    WebElement button = wait.until(b -> {
      WebElement e = b.findElement(By.id("problems-button"));
      return e.isDisplayed() ? e : null;
    });
    assertThat(button.getText()).contains("1 problem");
    button.click();
    wait.until(b -> b.findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
        .anyMatch(c -> c.getText().contains("onerror")));
    String cells = String.join("\n", browser.findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
        .map(WebElement::getText).toList());
    assertThat(cells).contains("damaged/" + EVIL_NAME).contains("damaged");
    assertThat(browser.findElements(By.cssSelector("img[src='x']"))).as("markup in a file name is text").isEmpty();
    assertThat(browser.findElements(By.id("loading-status")))
        .as("loading is over: no progress shown").allMatch(e -> !e.isDisplayed());
  }
}
