package dev.runboard.plugin.images;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import dev.runboard.data.BlobRef;
import dev.runboard.data.BlobSequence;
import dev.runboard.data.BlobSequenceDatum;
import dev.runboard.data.DataProvider;
import dev.runboard.data.PluginNames;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.StepQuery;
import dev.runboard.plugin.ViewState;
import dev.runboard.plugin.ui.RunPanel;
import dev.runboard.plugin.ui.StateMessage;
import dev.runboard.plugin.ui.StepSlider;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One run's images of a tag: a step slider and the images of the chosen step. Only those images
 * are in the page, so a tag with thousands of steps loads one step's images at a time; listing
 * the steps reads no image.
 */
final class ImagePanel extends RunPanel {
  private final String tag;
  private final String run;
  private final DataProvider data;
  private final Supplier<ImageDisplay> display;
  private final StepSlider slider = new StepSlider();
  private final StateMessage message = new StateMessage();
  private final Div images = new Div();
  /** The last entry logged for each step, by step. */
  private TreeMap<Long, BlobSequenceDatum> entries = new TreeMap<>();
  private List<String> shownKeys = List.of();

  ImagePanel(
      String tag, String run, DataProvider data, String color, Supplier<ImageDisplay> display,
      ViewState viewState, String stepKey) {
    super(run, color);
    this.tag = tag;
    this.run = run;
    this.data = data;
    this.display = display;
    images.addClassName("runboard-images");
    images.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-s)")
        .set("overflow", "auto").set("max-width", "100%");
    add(slider, message, images);
    slider.bindToUrl(viewState, stepKey);
    slider.addStepListener(step -> showSelected());
  }

  /** Reads the run's entries again (new steps arrived, or the run was read again). */
  void refresh() {
    List<BlobSequence> read;
    try {
      read = data.readBlobSequences(PluginNames.IMAGES, RunTagFilter.one(run, tag), StepQuery.all());
    } catch (RuntimeException e) {
      message.error("Could not list the images: " + e.getMessage());
      return;
    }
    TreeMap<Long, BlobSequenceDatum> byStep = new TreeMap<>();
    if (!read.isEmpty()) {
      for (BlobSequenceDatum d : read.get(0).data()) {
        byStep.put(d.step(), d); // a step logged again (a resumed run) shows its latest images
      }
    }
    entries = byStep;
    long[] steps = new long[byStep.size()];
    double[] walls = new double[byStep.size()];
    int i = 0;
    for (BlobSequenceDatum d : byStep.values()) {
      steps[i] = d.step();
      walls[i++] = d.wallTime();
    }
    boolean first = slider.stepCount() == 0;
    slider.setSteps(steps, walls);
    if (first) {
      readStep();
    }
    showSelected();
  }

  /** Moves the slider to the step the URL names, or to the latest step. */
  void readStep() {
    slider.readUrl();
    showSelected();
  }

  private void showSelected() {
    BlobSequenceDatum entry = entries.get(slider.selectedStep());
    List<BlobRef> refs = entry == null ? List.of() : entry.blobs();
    List<String> keys = refs.stream().map(BlobRef::key).toList();
    if (keys.equals(shownKeys)) {
      return;
    }
    shownKeys = keys;
    images.removeAll();
    if (entry == null) {
      message.empty("No images for this run yet.");
      return;
    }
    message.hide();
    List<Image> shown = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      BlobRef ref = refs.get(i);
      Image image = new Image(ImagesRoutes.url(ref.key()),
          tag + " at step " + entry.step() + (refs.size() > 1 ? ", image " + (i + 1) : "") + " (" + run + ")");
      image.addClassName("runboard-image");
      image.getElement().setAttribute("step", Long.toString(entry.step()));
      image.getElement().setAttribute("loading", "lazy");
      image.getElement().setAttribute("decoding", "async");
      copyDimension(ref, image, "width");
      copyDimension(ref, image, "height");
      image.getElement().addEventListener("error", e -> message.error(
          "The image of step " + entry.step() + " could not be shown: its bytes are not an image format browsers show."));
      shown.add(image);
    }
    shown.forEach(images::add);
    applyDisplay();
  }

  private static void copyDimension(BlobRef ref, Image image, String name) {
    String value = ref.attributes().get(name);
    if (value != null && value.matches("[1-9][0-9]{0,5}")) {
      image.getElement().setAttribute(name, value);
    }
  }

  /** Applies the dashboard's fit, brightness and contrast to the images shown. */
  void applyDisplay() {
    ImageDisplay d = display.get();
    // Fitted, the panel has a card's width and images scale to it (up or down); otherwise each
    // image keeps its natural size and the panel scrolls.
    if (d.fit()) {
      getStyle().set("width", "min(100%, 400px)");
    } else {
      getStyle().remove("width");
    }
    images.getChildren().forEach(c -> {
      var style = ((Image) c).getStyle();
      style.set("filter", d.cssFilter());
      style.set("image-rendering", "pixelated"); // small images (MNIST) stay crisp when enlarged
      if (d.fit()) {
        style.set("width", "100%").set("height", "auto");
      } else {
        style.remove("width");
        style.remove("height");
      }
    });
  }
}
