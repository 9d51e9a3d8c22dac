package dev.runboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.trainer.DemoTraining;
import dev.runboard.trainer.TrainingConfig;
import dev.runboard.trainer.data.SyntheticDataset;
import dev.runboard.trainer.data.TrainTestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scalars dashboard during a live training, as {@code runboard demo} runs it: the trainer logs
 * into the served logdir while the page is open, and the cards grow without a reload.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveDemoBrowserTest {
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
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private static long lastStep(DashboardPage page, WebElement card, String run) {
    return (Long) page.js("const s = arguments[0].steps(arguments[1]); return s.length ? s[s.length - 1] : -1;", card, run);
  }

  @Test
  void cardsGrowWhileTheDemoTrains() throws Exception {
    TrainTestData data = SyntheticDataset.generate(1_000, 100, 6);
    // Many epochs and no validation (so no early stopping, which ends a fast training on this data
    // in seconds): only the interrupt at the end stops it, so everything below happens live.
    TrainingConfig config = TrainingConfig.defaults().withModel(TrainingConfig.MLP).withEpochs(10_000).withBatchSize(20)
        .withValidationSplit(0);
    PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Thread training = new Thread(() -> {
      try {
        DemoTraining.run(logdir.resolve("demo"), config, console, data);
      } catch (Throwable stopped) {
        // interrupted at the end of the test
      }
    });
    training.start();
    try {
      DashboardPage page = new DashboardPage(browser);
      browser.get("http://localhost:" + port + "/scalars");
      WebElement batch = page.ready("batch_loss");
      page.wait.until(b -> lastStep(page, batch, "demo/train") > 0);
      long before = lastStep(page, batch, "demo/train");
      page.wait.until(b -> lastStep(page, batch, "demo/train") > before + 20);
      page.ready("epoch_loss");
      page.screenshot("scalars-live-demo.png");
      assertThat(training.isAlive()).as("the cards grew while training ran").isTrue();
    } finally {
      training.interrupt();
      training.join(20_000);
    }
  }
}
