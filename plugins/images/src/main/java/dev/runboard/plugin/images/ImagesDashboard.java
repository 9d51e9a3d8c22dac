package dev.runboard.plugin.images;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.NativeLabel;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.runboard.data.DataClass;
import dev.runboard.data.PluginNames;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.ViewState;
import dev.runboard.plugin.ui.RangeInput;
import dev.runboard.plugin.ui.TagCard;
import dev.runboard.plugin.ui.TagCardsDashboard;

/**
 * One card per image tag, a panel per run with its own step slider. The display settings (fit,
 * brightness, contrast) and every slider moved off the latest step live in the URL ({@code
 * images.fit}, {@code images.brightness}, {@code images.contrast}, {@code images.step.<tag>@<run>}).
 */
final class ImagesDashboard extends TagCardsDashboard {
  private final Checkbox fit = new Checkbox("Fit to card");
  private final RangeInput brightness = new RangeInput(0, 300, 100);
  private final RangeInput contrast = new RangeInput(0, 300, 100);
  private ImageDisplay display = ImageDisplay.DEFAULT;

  ImagesDashboard(DashboardContext context) {
    super(context, "images", DataClass.BLOB_SEQUENCES, PluginNames.IMAGES,
        "No images yet. Log them with add_image (PyTorch), tf.summary.image, or an ImageEvent "
            + "(Runboard); they appear here as they are written.");
    fit.setId("images-fit");
    brightness.setId("images-brightness");
    contrast.setId("images-contrast");
    brightness.setWidth("120px");
    contrast.setWidth("120px");
    fit.addValueChangeListener(e -> {
      if (e.isFromClient()) {
        viewState().push(key("fit"), e.getValue() ? "1" : null);
        apply(new ImageDisplay(e.getValue(), display.brightness(), display.contrast()));
      }
    });
    brightness.addUserInputListener(v -> {
      viewState().set(key("brightness"), v == 100 ? null : Integer.toString(v));
      apply(new ImageDisplay(display.fit(), v, display.contrast()));
    });
    contrast.addUserInputListener(v -> {
      viewState().set(key("contrast"), v == 100 ? null : Integer.toString(v));
      apply(new ImageDisplay(display.fit(), display.brightness(), v));
    });
    Button reset = new Button("Reset", e -> {
      viewState().set(key("brightness"), null);
      viewState().set(key("contrast"), null);
      brightness.setValue(100);
      contrast.setValue(100);
      apply(new ImageDisplay(display.fit(), 100, 100));
    });
    reset.setId("images-reset");
    addToToolbar(fit, control("Brightness", brightness), control("Contrast", contrast), reset);
  }

  private static HorizontalLayout control(String text, RangeInput input) {
    NativeLabel label = new NativeLabel(text);
    label.setFor(input);
    label.getStyle().set("font-size", "var(--lumo-font-size-s)");
    HorizontalLayout control = new HorizontalLayout(label, input);
    control.setSpacing(false);
    control.getStyle().set("gap", "var(--lumo-space-xs)").set("align-items", "center");
    return control;
  }

  @Override
  protected void readViewState(ViewState state) {
    ImageDisplay read = new ImageDisplay(
        state.get(key("fit")).isPresent(),
        percent(state, "brightness"),
        percent(state, "contrast"));
    fit.setValue(read.fit());
    brightness.setValue(read.brightness());
    contrast.setValue(read.contrast());
    apply(read);
    forEachCard(card -> ((ImageCard) card).readSteps());
  }

  private int percent(ViewState state, String name) {
    try {
      int v = Integer.parseInt(state.get(key(name)).orElse("100"));
      return Math.max(0, Math.min(300, v));
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  private void apply(ImageDisplay next) {
    if (!next.equals(display)) {
      display = next;
      settingsChanged();
    }
  }

  @Override
  protected TagCard createCard(String tag) {
    return new ImageCard(tag, data(), selection(), () -> display, viewState(), key("step." + tag + "@"));
  }
}
