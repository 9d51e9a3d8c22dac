package dev.runboard.plugin.text;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.runboard.data.BlobRef;
import dev.runboard.data.BlobSequence;
import dev.runboard.data.BlobSequenceDatum;
import dev.runboard.data.DataProvider;
import dev.runboard.data.PluginNames;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.StepQuery;
import dev.runboard.plugin.RunSelection;
import dev.runboard.plugin.ViewState;
import dev.runboard.plugin.ui.RunLabel;
import dev.runboard.plugin.ui.RunSteps;
import dev.runboard.plugin.ui.StepSlider;
import dev.runboard.plugin.ui.TagCard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * A text tag's card: one step slider over every run's steps, and per run the text of that step
 * (or of the run's nearest step before it). Only the chosen step's texts are read from the logs.
 */
final class TextCard extends TagCard {
  private final DataProvider data;
  private final RunSelection selection;
  private final BooleanSupplier raw;
  private final StepSlider slider = new StepSlider();
  private final Div body = new Div();
  private final RunSteps<BlobSequenceDatum> steps = new RunSteps<>(BlobSequenceDatum::wallTime);
  private final Map<String, Section> sections = new LinkedHashMap<>();

  /** One run's text in the card, and which blobs it shows. */
  private record Section(Div panel, Span caption, MarkdownView view, List<String> keys) {
    Section withKeys(List<String> shown) {
      return new Section(panel, caption, view, shown);
    }
  }

  TextCard(String tag, DataProvider data, RunSelection selection, BooleanSupplier raw) {
    super(tag);
    this.data = data;
    this.selection = selection;
    this.raw = raw;
    getStyle().set("flex", "1 1 520px").set("max-width", "100%");
    body.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-m)");
    add(slider, body);
    slider.addStepListener(step -> render());
  }

  void bindStepToUrl(ViewState state, String key) {
    slider.bindToUrl(state, key);
  }

  /** The URL's step changed (back, forward, a link). */
  void readStep() {
    slider.readUrl();
    render();
  }

  @Override
  public void showRuns(List<String> runs) {
    boolean first = sections.isEmpty();
    for (String run : List.copyOf(sections.keySet())) {
      if (!runs.contains(run)) {
        sections.remove(run);
      }
    }
    steps.retain(runs);
    body.removeAll();
    for (String run : runs) {
      Section section = sections.get(run);
      if (section == null) {
        Span caption = new Span();
        caption.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)")
            .set("margin-left", "var(--lumo-space-s)");
        MarkdownView view = new MarkdownView();
        view.setRaw(raw.getAsBoolean());
        Div panel = new Div(new RunLabel(run, selection.colorOf(run)), caption, view);
        panel.addClassName("runboard-run-panel");
        panel.getElement().setAttribute("run", run);
        section = new Section(panel, caption, view, List.of());
        sections.put(run, section);
        read(run);
      }
      body.add(section.panel());
    }
    steps.updateSlider(slider);
    if (first) {
      slider.readUrl();
    }
    render();
  }

  @Override
  public void refresh(String run) {
    read(run);
    steps.updateSlider(slider);
    render();
  }

  @Override
  public void settingsChanged() {
    sections.values().forEach(s -> s.view().setRaw(raw.getAsBoolean()));
  }

  private void read(String run) {
    try {
      List<BlobSequence> read = data.readBlobSequences(PluginNames.TEXT, RunTagFilter.one(run, tag()), StepQuery.all());
      TreeMap<Long, BlobSequenceDatum> byStep = new TreeMap<>();
      if (!read.isEmpty()) {
        read.get(0).data().forEach(d -> byStep.put(d.step(), d));
      }
      steps.put(run, byStep);
      message().hide();
    } catch (RuntimeException e) {
      message().error("Could not read run '" + run + "': " + e.getMessage());
    }
  }

  /** Shows each run's text at the chosen step, reading only what changed. */
  private void render() {
    long step = slider.selectedStep();
    for (Map.Entry<String, Section> e : sections.entrySet()) {
      Section section = e.getValue();
      BlobSequenceDatum entry = steps.at(e.getKey(), step);
      List<String> keys = entry == null ? List.of() : entry.blobs().stream().map(BlobRef::key).toList();
      if (keys.equals(section.keys()) && !keys.isEmpty()) {
        continue;
      }
      if (entry == null) {
        section.caption().setText("no text at or before step " + step);
        section.view().setMarkdown("");
      } else {
        section.caption().setText(entry.step() == step ? "" : "step " + entry.step());
        try {
          section.view().setMarkdown(TextRoutes.markdownOf(data, entry));
        } catch (RuntimeException ex) {
          message().error("Could not read the text of run '" + e.getKey() + "': " + ex.getMessage());
        }
      }
      section.view().getElement().setAttribute("step", entry == null ? "" : Long.toString(entry.step()));
      e.setValue(section.withKeys(keys));
    }
  }
}
