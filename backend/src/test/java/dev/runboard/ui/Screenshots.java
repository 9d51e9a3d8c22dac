package dev.runboard.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/** Where the browser tests put their screenshots: {@code backend/target/screenshots/}, linked from the README. */
final class Screenshots {
  private Screenshots() {}

  static void save(ChromeDriver browser, String name) throws IOException {
    Path file = Path.of("target", "screenshots", name);
    Files.createDirectories(file.getParent());
    Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
  }
}
