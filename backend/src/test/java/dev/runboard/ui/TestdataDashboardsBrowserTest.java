package dev.runboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.logdir.TfEventsTestdata;
import dev.runboard.web.ServerReady;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Each media dashboard opened on the real-world event files (TensorFlow 1, tensorboardX and
 * PyTorch logs): its cards appear, with data drawn; the screenshots are the README's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TestdataDashboardsBrowserTest {
  @LocalServerPort int port;
  private ChromeDriver browser;
  private WebDriverWait wait;

  @BeforeAll
  static void requireTestdata() {
    TfEventsTestdata.root(); // skips the class where the folder is absent (fails under CI=true)
  }

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> System.getProperty("runboard.testdata", "../../shared/testdata/tfevents"));
  }

  @BeforeEach
  void openBrowser() {
    ServerReady.await(port);
    browser = Chromium.start();
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void everyMediaDashboardShowsTheCorpus() throws IOException {
    browser.get("http://localhost:" + port + "/histograms");
    // Histogram tags of the TensorFlow 1 tutorial, the tensorboardX tutorial and PyTorch.
    wait.until(b -> cards().size() >= 8);
    wait.until(b -> b.findElements(By.cssSelector("runboard-histogram-chart g.histogram")).size() >= 100);
    Screenshots.save(browser, "testdata-histograms.png");

    browser.get("http://localhost:" + port + "/distributions");
    wait.until(b -> cards().size() >= 8);
    wait.until(b -> b.findElements(By.cssSelector("runboard-distribution-chart canvas")).size() >= 8);
    Screenshots.save(browser, "testdata-distributions.png");

    browser.get("http://localhost:" + port + "/images");
    wait.until(b -> cards().size() >= 2);
    WebElement panel = browser.findElement(By.cssSelector(
        ".runboard-run-panel[run='ZeroToMax-ZYZ__study_tensorboard/runs/image_experiment']"));
    wait.until(b -> "4".equals(imageStep(panel)));
    js("const i = arguments[0].querySelector('.runboard-step-slider input'); i.value = 0;"
        + " i.dispatchEvent(new Event('input', {bubbles: true}));", panel);
    wait.until(b -> "0".equals(imageStep(panel)));
    WebElement image = panel.findElement(By.cssSelector("img.runboard-image"));
    wait.until(b -> (Long) js("return arguments[0].complete ? arguments[0].naturalWidth : 0;", image) > 0);
    Screenshots.save(browser, "testdata-images.png");

    browser.get("http://localhost:" + port + "/pr-curves");
    wait.until(b -> cards().size() >= 1);
    wait.until(b -> !b.findElements(By.cssSelector("runboard-pr-curve-chart path.pr-curve")).isEmpty());
    Screenshots.save(browser, "testdata-pr-curves.png");

    // The corpus holds no text: the text dashboard says what to log.
    browser.get("http://localhost:" + port + "/text");
    wait.until(b -> "empty".equals(b.findElement(By.id("text-state")).getAttribute("state")));
    assertThat(browser.findElement(By.id("text-state")).getText()).contains("No text yet");
    assertThat(browser.findElement(By.id("tab-text")).getAttribute("inactive")).isEqualTo("true");
  }

  private List<WebElement> cards() {
    return browser.findElements(By.cssSelector(".runboard-card"));
  }

  private static String imageStep(WebElement panel) {
    List<WebElement> images = panel.findElements(By.cssSelector("img.runboard-image"));
    return images.isEmpty() ? null : images.get(0).getAttribute("step");
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }
}
