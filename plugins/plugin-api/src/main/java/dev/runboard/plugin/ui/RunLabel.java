package dev.runboard.plugin.ui;

import com.vaadin.flow.component.html.Span;

/** A run's name in its colour, heading what a card shows of that run. */
public final class RunLabel extends Span {
  public RunLabel(String run, String color) {
    super("● " + run);
    addClassName("runboard-run-label");
    getElement().setAttribute("run", run);
    getStyle().set("color", color).set("font-size", "var(--lumo-font-size-s)").set("overflow-wrap", "anywhere");
  }
}
