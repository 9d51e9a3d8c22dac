package dev.runboard.plugin.images;

import com.vaadin.flow.component.html.Div;
import dev.runboard.data.DataProvider;
import dev.runboard.plugin.RunSelection;
import dev.runboard.plugin.ViewState;
import dev.runboard.plugin.ui.TagCard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** An image tag's card: one {@link ImagePanel} per run, side by side. */
final class ImageCard extends TagCard {
  private final DataProvider data;
  private final RunSelection selection;
  private final Supplier<ImageDisplay> display;
  private final ViewState viewState;
  private final String stepKeyPrefix;
  private final Div body = new Div();
  private final Map<String, ImagePanel> panels = new LinkedHashMap<>();

  ImageCard(
      String tag, DataProvider data, RunSelection selection, Supplier<ImageDisplay> display,
      ViewState viewState, String stepKeyPrefix) {
    super(tag);
    this.data = data;
    this.selection = selection;
    this.display = display;
    this.viewState = viewState;
    this.stepKeyPrefix = stepKeyPrefix;
    getStyle().set("flex", "0 1 auto").set("max-width", "100%");
    body.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)");
    add(body);
  }

  @Override
  public void showRuns(List<String> runs) {
    for (String run : List.copyOf(panels.keySet())) {
      if (!runs.contains(run)) {
        body.remove(panels.remove(run));
      }
    }
    for (int i = 0; i < runs.size(); i++) {
      String run = runs.get(i);
      ImagePanel panel = panels.get(run);
      if (panel == null) {
        panel = new ImagePanel(tag(), run, data, selection.colorOf(run), display, viewState, stepKeyPrefix + run);
        panels.put(run, panel);
        body.addComponentAtIndex(Math.min(i, body.getComponentCount()), panel);
        panel.refresh();
      }
    }
  }

  @Override
  public void refresh(String run) {
    ImagePanel panel = panels.get(run);
    if (panel != null) {
      panel.refresh();
    }
  }

  @Override
  public void settingsChanged() {
    panels.values().forEach(ImagePanel::applyDisplay);
  }

  /** The URL's steps changed (back, forward, a link): move the sliders. */
  void readSteps() {
    panels.values().forEach(ImagePanel::readStep);
  }
}
