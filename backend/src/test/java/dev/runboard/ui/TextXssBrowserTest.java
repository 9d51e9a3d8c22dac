package dev.runboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.TextEvent;
import dev.runboard.web.ServerReady;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Logged text is untrusted: a list of XSS payloads, each logged as a text tag, rendered by the
 * text dashboard in a real Chromium. Nothing may run (no dialog, no global set by a payload),
 * nothing may fetch (a probe server that every URL in the payloads points at stays unasked), the
 * console gets no error beyond those the application logs without any text on the page, and no
 * executable markup reaches the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TextXssBrowserTest {
  @TempDir static Path logdir;
  /** Every request a payload would make lands here. */
  private static HttpServer probe;
  private static final List<String> probed = new CopyOnWriteArrayList<>();

  @LocalServerPort int port;
  private ChromeDriver browser;

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  @BeforeAll
  static void writePayloads() throws IOException {
    probe = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    probe.createContext("/", exchange -> {
      probed.add(exchange.getRequestURI().toString());
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    probe.start();
    String p = "http://127.0.0.1:" + probe.getAddress().getPort();
    List<String> payloads = List.of(
        "<script>window.__xss = 1; alert(1)</script>",
        "<img src=x onerror=\"window.__xss = 2; alert(2)\">",
        "[click me](javascript:window.__xss=3)",
        "<a href=\"jAvAsCrIpT:window.__xss=4\">mixed case</a>",
        "<a href=\"&#106;avascript:window.__xss=5\">entity</a>",
        "<svg onload=\"window.__xss = 6\"><script>window.__xss = 6</script></svg>",
        "<svg><animate onbegin=\"window.__xss=7\" attributeName=\"x\" dur=\"1s\"/></svg>",
        "<iframe src=\"javascript:window.__xss=8\"></iframe>",
        "<iframe srcdoc=\"<script>parent.__xss=9</script>\"></iframe>",
        "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss=10\">",
        "<details open ontoggle=\"window.__xss=11\"><summary>s</summary>d</details>",
        "<form action=\"javascript:window.__xss=12\"><button>go</button></form>",
        "<input autofocus onfocus=\"window.__xss=13\">",
        "<video><source onerror=\"window.__xss=14\"></video>",
        "<body onload=\"window.__xss=15\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss=16\">",
        "[data link](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTc8L3NjcmlwdD4=)",
        "<object data=\"" + p + "/object\"></object><embed src=\"" + p + "/embed\">",
        "![remote image](" + p + "/markdown-image.png)",
        "<img srcset=\"" + p + "/srcset.png 1x\">",
        "<div style=\"background:url(" + p + "/style-attribute)\">styled</div>",
        "<style>@import url(" + p + "/style-element);</style>",
        "<link rel=\"stylesheet\" href=\"" + p + "/link.css\">",
        "<video poster=\"" + p + "/poster.png\"></video><audio src=\"" + p + "/audio.wav\" autoplay></audio>",
        "<a href=\"" + p + "/ping-target\" ping=\"" + p + "/ping\">a link (followed only when clicked)</a>",
        "<noscript><p title=\"</noscript><img src=x onerror=window.__xss=26>\"></noscript>",
        "<scr<script>ipt>window.__xss=27</scr</script>ipt>");
    try (EventLogWriter log = EventLogWriter.open(logdir.resolve("hostile"))) {
      for (int i = 0; i < payloads.size(); i++) {
        log.write(new TextEvent(String.format("xss/%02d", i + 1), 0, 1_764_000_000.0, "payload " + (i + 1) + ": " + payloads.get(i)));
      }
    }
  }

  @AfterAll
  static void stopProbe() {
    probe.stop(0);
  }

  @BeforeEach
  void openBrowser() {
    ServerReady.await(port);
    browser = Chromium.start();
  }

  @AfterEach
  void closeBrowser() throws IOException {
    if (browser != null) {
      Screenshots.save(browser, "text-xss.png");
      browser.quit();
    }
  }

  @Test
  void xssPayloadsRenderInert() throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    // What the application logs to the console by itself, without any text on the page.
    browser.get("http://localhost:" + port + "/scalars");
    wait.until(b -> !b.findElements(By.id("tab-text")).isEmpty());
    Thread.sleep(1000);
    Set<String> baseline = new HashSet<>(severeConsoleMessages());

    browser.get("http://localhost:" + port + "/text");
    wait.until(b -> b.findElements(By.cssSelector("runboard-markdown[rendered='markdown']")).size() == 27);
    Thread.sleep(1500); // time for anything a payload scheduled (events, loads, timers) to fire

    assertThat(js("return typeof window.__xss;")).as("a payload ran").isEqualTo("undefined");
    assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    assertThat(probed).as("requests made by payloads").isEmpty();
    @SuppressWarnings("unchecked")
    List<String> resources = (List<String>) js(
        "return performance.getEntriesByType('resource').map(e => e.name);");
    assertThat(resources).noneMatch(r -> r.contains(":" + probe.getAddress().getPort()));
    assertThat(severeConsoleMessages()).as("console errors").allMatch(baseline::contains);

    for (WebElement view : browser.findElements(By.tagName("runboard-markdown"))) {
      assertThat(view.findElements(By.cssSelector(
          "script, iframe, object, embed, svg, math, style, link, meta, form, input, video, audio, source")))
          .as("executable or fetching markup in %s", view.getText()).isEmpty();
      @SuppressWarnings("unchecked")
      List<String> bad = (List<String>) js(
          "const bad = [];"
              + "for (const el of arguments[0].querySelectorAll('*')) {"
              + "  for (const a of el.attributes) {"
              + "    const v = a.value.trim().toLowerCase();"
              + "    if (a.name.startsWith('on') || a.name === 'style' || a.name === 'srcset' || a.name === 'ping'"
              + "        || ((a.name === 'href' || a.name === 'src') && !v.startsWith('http'))) bad.push(el.tagName + ' ' + a.name + '=' + a.value);"
              + "  }"
              + "}"
              + "return bad;", view);
      assertThat(bad).as("attributes left in %s", view.getText()).isEmpty();
    }
    // What is harmless stays: the text around the payloads, and the plain link.
    assertThat(browser.findElement(By.cssSelector(".runboard-card[tag='xss/25'] runboard-markdown a")).getDomAttribute("href"))
        .endsWith("/ping-target");
    assertThat(browser.findElement(By.cssSelector(".runboard-card[tag='xss/19'] runboard-markdown img")).getDomAttribute("src"))
        .as("a remote image is not loaded").isNull();
  }

  private List<String> severeConsoleMessages() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }
}
