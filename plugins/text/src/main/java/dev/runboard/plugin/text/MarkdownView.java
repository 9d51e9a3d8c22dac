package dev.runboard.plugin.text;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

/**
 * Logged markdown rendered in the browser by marked and sanitised by DOMPurify (no scripts, event
 * handlers, {@code javascript:} URLs or anything that fetches), or shown raw as plain text. The
 * text travels as a property value, never as HTML.
 */
@Tag("runboard-markdown")
@NpmPackage(value = "marked", version = "18.2.1")
@NpmPackage(value = "dompurify", version = "3.4.18")
@JsModule("./runboard/markdown-view.js")
public class MarkdownView extends Component implements HasSize {
  public MarkdownView() {
    addClassName("runboard-markdown");
  }

  public void setMarkdown(String markdown) {
    getElement().setProperty("markdown", markdown);
  }

  public void setRaw(boolean raw) {
    getElement().setProperty("raw", raw);
  }
}
