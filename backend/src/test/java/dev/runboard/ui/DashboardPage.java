package dev.runboard.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The scalars dashboard as a test drives it: cards by tag, what each card drew and asked the
 * server for (the card's own read-only methods), the toolbar's controls, and screenshots under
 * {@code target/screenshots/}.
 */
final class DashboardPage {
  final ChromeDriver browser;
  final WebDriverWait wait;

  DashboardPage(ChromeDriver browser) {
    this.browser = browser;
    this.wait = new WebDriverWait(browser, Duration.ofSeconds(40));
    // Cards are re-rendered when the filter or the selection changes: look again rather than fail.
    this.wait.ignoring(StaleElementReferenceException.class);
  }

  /** Waits for a condition; a timeout says what was seen instead. */
  <T> T waitFor(java.util.function.Supplier<String> seen, java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
    return new WebDriverWait(browser, Duration.ofSeconds(40)).ignoring(StaleElementReferenceException.class)
        .withMessage(seen).until(condition);
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  List<WebElement> cards() {
    return browser.findElements(By.tagName("runboard-scalar-card"));
  }

  List<String> visibleTags() {
    return cards().stream().filter(WebElement::isDisplayed).map(c -> c.getAttribute("tag")).toList();
  }

  WebElement card(String tag) {
    return wait.until(b -> cards().stream().filter(c -> tag.equals(c.getAttribute("tag"))).findFirst().orElse(null));
  }

  /** Waits until the card has drawn what it last asked for. */
  WebElement ready(String tag) {
    WebElement card = card(tag);
    wait.until(b -> "ready".equals(js("return arguments[0].state();", card)) && card.getAttribute("loading") == null);
    return card;
  }

  @SuppressWarnings("unchecked")
  List<String> lineNames(WebElement card) {
    return (List<String>) js("return arguments[0].lineNames();", card);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> drawn(WebElement card, String line) {
    return (Map<String, Object>) js("return arguments[0].drawn(arguments[1]);", card, line);
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> requests(WebElement card) {
    return (List<Map<String, Object>>) js("return arguments[0].requestLog();", card);
  }

  long requestCount(WebElement card) {
    return requests(card).size();
  }

  /** The x-range the chart shows. */
  @SuppressWarnings("unchecked")
  Map<String, Object> viewRange(WebElement card) {
    return (Map<String, Object>) js("return arguments[0].chart().viewRange();", card);
  }

  WebElement plotArea(WebElement card) {
    return card.findElement(By.cssSelector(".u-over"));
  }

  /** Chooses an item of a vaadin-select by its label, as a user does. */
  void choose(String selectId, String label) {
    browser.findElement(By.id(selectId)).click();
    WebElement item = wait.until(b -> b.findElements(By.cssSelector("vaadin-select-item")).stream()
        .filter(i -> i.isDisplayed() && i.getText().trim().equals(label)).findFirst().orElse(null));
    item.click();
    wait.until(b -> b.findElements(By.cssSelector("vaadin-select-overlay[opened]")).isEmpty());
  }

  /** Types into a Vaadin text field (or combo box) and lets its lazy value change fire. */
  void type(String fieldId, String text) {
    WebElement input = browser.findElement(By.cssSelector("#" + fieldId + " input"));
    input.clear();
    js("const i = arguments[0]; i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true}));", input);
    input.sendKeys(text);
  }

  /** Moves the smoothing slider, as releasing the thumb there would. */
  void slide(double value) {
    js("const s = document.getElementById('smoothing'); s.value = arguments[0];"
        + " s.dispatchEvent(new Event('input', {bubbles: true})); s.dispatchEvent(new Event('change', {bubbles: true}));",
        Double.toString(value));
  }

  String url() {
    return browser.getCurrentUrl();
  }

  void screenshot(String name) throws IOException {
    Path file = Path.of("target", "screenshots", name);
    Files.createDirectories(file.getParent());
    Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
  }

  static double number(Object o) {
    return o == null ? Double.NaN : ((Number) o).doubleValue();
  }
}
