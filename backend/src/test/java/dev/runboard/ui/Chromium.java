package dev.runboard.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven through Debian's chromedriver. Given both paths, Selenium
 * downloads nothing, which matters on machines without internet access.
 */
final class Chromium {
  static final Path BROWSER = Path.of(System.getProperty("runboard.chromium", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getProperty("runboard.chromedriver", "/usr/bin/chromedriver"));

  private Chromium() {}

  static ChromeDriver start() {
    if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException(
          "The browser tests need Chromium at "
              + BROWSER
              + " and chromedriver at "
              + DRIVER
              + ". Run the tests with ./runboard test, which installs them, or: "
              + "apt-get install chromium chromium-driver");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1000");
    // The console is read back by tests that must see no error in it.
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }
}
