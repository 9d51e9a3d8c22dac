package dev.runboard.plugin.scalars;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.util.function.Consumer;

/**
 * A card on the dashboard: the tag as title, buttons to pin it to the top and to expand it to the
 * full width, a download menu (CSV, JSON, PNG), and the chart.
 */
final class CardFrame extends Div {
  static final String NORMAL_WIDTH = "min(100%, 480px)";

  private final ScalarCard card;
  private final Button pin = new Button();
  private final Button expand = new Button();
  private boolean pinned;
  private boolean expanded;

  CardFrame(String tag, Consumer<CardFrame> pinToggled) {
    this.card = new ScalarCard(tag);
    addClassName("runboard-card");
    getElement().setAttribute("data-tag", tag);
    getStyle().set("box-sizing", "border-box").set("padding", "var(--lumo-space-s)")
        .set("border", "1px solid var(--lumo-contrast-10pct)").set("border-radius", "var(--lumo-border-radius-m)")
        .set("background", "var(--lumo-base-color)");
    Span title = new Span(tag);
    title.addClassName("card-title");
    title.getElement().setAttribute("title", tag);
    title.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-s)").set("overflow", "hidden")
        .set("text-overflow", "ellipsis").set("white-space", "nowrap").set("flex", "1");
    for (Button b : new Button[] {pin, expand}) {
      b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
    }
    pin.addClassName("card-pin");
    expand.addClassName("card-expand");
    pin.addClickListener(e -> pinToggled.accept(this));
    expand.addClickListener(e -> setExpanded(!expanded));
    MenuBar download = new MenuBar();
    download.addClassName("card-download");
    download.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE, MenuBarVariant.LUMO_SMALL);
    SubMenu formats = download.addItem(VaadinIcon.DOWNLOAD_ALT.create()).getSubMenu();
    formats.addItem("CSV (full resolution)", e -> card.download("csv")).setId("download-csv");
    formats.addItem("JSON (full resolution)", e -> card.download("json")).setId("download-json");
    formats.addItem("PNG", e -> card.download("png")).setId("download-png");
    download.getElement().setAttribute("title", "Download");
    HorizontalLayout header = new HorizontalLayout(title, pin, expand, download);
    header.setWidthFull();
    header.setSpacing(false);
    header.setAlignItems(FlexComponent.Alignment.CENTER);
    add(header, card);
    setPinned(false);
    setExpanded(false);
  }

  ScalarCard card() {
    return card;
  }

  String tag() {
    return card.tag();
  }

  boolean pinned() {
    return pinned;
  }

  void setPinned(boolean pinned) {
    this.pinned = pinned;
    pin.setIcon((pinned ? VaadinIcon.PIN : VaadinIcon.PIN_POST).create());
    pin.getElement().setAttribute("title", pinned ? "Unpin" : "Pin to the top");
    pin.getElement().setAttribute("aria-pressed", Boolean.toString(pinned));
    getElement().setAttribute("data-pinned", Boolean.toString(pinned));
  }

  void setExpanded(boolean expanded) {
    this.expanded = expanded;
    expand.setIcon((expanded ? VaadinIcon.COMPRESS_SQUARE : VaadinIcon.EXPAND_SQUARE).create());
    expand.getElement().setAttribute("title", expanded ? "Back to the grid" : "Full width");
    getElement().setAttribute("data-expanded", Boolean.toString(expanded));
    setWidth(expanded ? "100%" : NORMAL_WIDTH);
    card.getElement().setProperty("height", expanded ? 420 : 240);
  }
}
