package dev.runboard.plugin.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;

/**
 * What a card shows of one run: the run's name in its colour, then the content. Tests and styles
 * find it by its class {@code runboard-run-panel} and its {@code run} attribute.
 */
public class RunPanel extends Div {
  public RunPanel(String run, String color, Component... content) {
    addClassName("runboard-run-panel");
    getElement().setAttribute("run", run);
    getStyle().set("min-width", "0").set("max-width", "100%");
    add(new RunLabel(run, color));
    add(content);
  }
}
