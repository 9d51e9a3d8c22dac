package dev.runboard.ui;

import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** The graph dashboard's {@code <graph-view>} as the browser tests read it (its test accessors). */
final class GraphViewPage {
  private final WebDriver browser;

  GraphViewPage(WebDriver browser) {
    this.browser = browser;
  }

  /** Layouts drawn so far (0 before the element exists). */
  int layoutCount() {
    Object count = js("const v = document.querySelector('#graph-view'); return v && v.layoutCount ? v.layoutCount() : 0;");
    return ((Number) count).intValue();
  }

  /** Drawn items: {@code g:<scope>} and {@code n:<node>}. */
  @SuppressWarnings("unchecked")
  List<String> visibleItems() {
    return (List<String>) js("return document.querySelector('#graph-view').visibleItems();");
  }

  @SuppressWarnings("unchecked")
  List<String> expandedScopes() {
    return (List<String>) js("return document.querySelector('#graph-view').expandedScopes();");
  }

  String selectedItem() {
    return (String) js("return document.querySelector('#graph-view').selectedItem();");
  }

  /** Milliseconds from the graph's data to its first drawn layout. */
  double openMillis() {
    return ((Number) js("return document.querySelector('#graph-view').openMillis();")).doubleValue();
  }

  Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }
}
