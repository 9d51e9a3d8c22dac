package dev.runboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.logdir.TfEventsTestdata;
import dev.runboard.web.ServerReady;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scalars dashboard on the public TensorBoard event files of the shared test data, as {@code
 * runboard serve --logdir ../shared/testdata/tfevents} shows them: every scalar tag gets a card
 * that draws its runs. Skipped where the test data is absent (failed under CI=true).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TfEventsBrowserTest {
  @LocalServerPort int port;
  private ChromeDriver browser;

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> TfEventsTestdata.root().toString());
  }

  /** Skips (or fails under CI=true) before Spring starts a server on a logdir that is not there. */
  @BeforeAll
  static void testdata() {
    TfEventsTestdata.root();
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
  void everyScalarTagOfTheRealFilesGetsACardThatDraws() throws Exception {
    DashboardPage page = new DashboardPage(browser);
    browser.get("http://localhost:" + port + "/scalars?runs=*");
    page.wait.until(b -> page.cards().size() >= 14);
    for (String tag : List.of("Train/Loss", "lax/foo", "my_metric", "loss/loss", "Metrics/Accuracy", "sin_and_cos")) {
      WebElement card = page.ready(tag);
      assertThat(page.lineNames(card)).as(tag).isNotEmpty();
    }
    assertThat(page.lineNames(page.ready("lax/foo"))).hasSize(3);
    assertThat(page.lineNames(page.ready("sin_and_cos"))).hasSize(2);
    page.screenshot("scalars-tfevents.png");
  }
}
