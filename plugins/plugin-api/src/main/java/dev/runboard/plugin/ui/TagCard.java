package dev.runboard.plugin.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import java.util.List;

/**
 * One card of a {@link TagCardsDashboard}: everything one tag shows for the selected runs. The
 * dashboard tells it which runs have the tag and when one of them advanced; the card reads what
 * it shows through the data provider.
 */
public abstract class TagCard extends Div {
  private final String tag;
  private final StateMessage message = new StateMessage();

  protected TagCard(String tag) {
    this.tag = tag;
    addClassName("runboard-card");
    getElement().setAttribute("tag", tag);
    getStyle()
        .set("box-sizing", "border-box")
        .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
        .set("border", "1px solid var(--lumo-contrast-10pct)")
        .set("border-radius", "var(--lumo-border-radius-l)")
        .set("background", "var(--lumo-base-color)")
        .set("min-width", "0");
    H3 title = new H3(tag);
    title.addClassName("runboard-card-title");
    title.getStyle().set("font-size", "var(--lumo-font-size-m)").set("margin", "0 0 var(--lumo-space-xs) 0")
        .set("overflow-wrap", "anywhere");
    add(title, message);
  }

  public final String tag() {
    return tag;
  }

  /** The card's own loading, empty or error line. */
  protected final StateMessage message() {
    return message;
  }

  /** Shows exactly these runs, in this order (the selection's), reading what it does not have. */
  public abstract void showRuns(List<String> runs);

  /** The run's series of this tag advanced (or was rebuilt): read it again. */
  public abstract void refresh(String run);

  /** The dashboard's display settings (mode, axis, ...) changed: redraw. */
  public void settingsChanged() {}
}
