package dev.runboard.plugin.graph;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

/**
 * A model graph drawn in the browser: laid out left to right in layers by elkjs (the Eclipse
 * Layout Kernel's layered algorithm), name scopes as boxes that start collapsed and expand on
 * click, pan and zoom, search, a side panel for the selected node, colours by op, SVG and PNG
 * export. The whole graph is sent once; expanding and collapsing happen in the browser.
 */
@Tag("runboard-graph-view")
@NpmPackage(value = "elkjs", version = "0.12.1")
@JsModule("./runboard/graph-view.js")
public class GraphView extends Component implements HasSize {
  public GraphView() {
    setSizeFull();
  }

  /** Shows a graph: {@link GraphDocument} as JSON. */
  public void setGraph(String documentJson) {
    getElement().callJsFunction("setGraph", documentJson);
  }

  public void clear() {
    getElement().callJsFunction("setGraph", "");
  }

  /**
   * Selects the node (or scope) whose name best matches: equal, then ending with, then containing
   * the text (ignoring case), opening the scopes around it and bringing it into view.
   */
  public void search(String text) {
    getElement().callJsFunction("search", text == null ? "" : text);
  }

  public void exportSvg() {
    getElement().callJsFunction("exportSvg");
  }

  public void exportPng() {
    getElement().callJsFunction("exportPng");
  }
}
