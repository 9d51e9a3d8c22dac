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
import dev.runboard.plugin.ui.RunPanel;
import dev.runboard.plugin.ui.SteppedTagCard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * A text tag's card: one step slider over every run's steps, and per run the text of that step
 * (or of the run's nearest step before it). Only the chosen step's texts are read from the logs.
 */
final class TextCard extends SteppedTagCard<BlobSequenceDatum> {
  private final DataProvider data;
  private final RunSelection selection;
  private final BooleanSupplier raw;
  private final Div body = new Div();
  private final Map<String, Section> sections = new LinkedHashMap<>();

  /** One run's text in the card, and which blobs it shows. */
  private record Section(RunPanel panel, Span caption, MarkdownView view, List<String> keys) {
    Section withKeys(List<String> shown) {
      return new Section(panel, caption, view, shown);
    }
  }

  TextCard(String tag, DataProvider data, RunSelection selection, BooleanSupplier raw) {
    super(tag, BlobSequenceDatum::wallTime);
    this.data = data;
    this.selection = selection;
    this.raw = raw;
    getStyle().set("flex", "1 1 520px").set("max-width", "100%");
    body.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-m)");
    add(body);
  }

  @Override
  protected TreeMap<Long, BlobSequenceDatum> read(String run) {
    List<BlobSequence> read = data.readBlobSequences(PluginNames.TEXT, RunTagFilter.one(run, tag()), StepQuery.all());
    TreeMap<Long, BlobSequenceDatum> byStep = new TreeMap<>();
    if (!read.isEmpty()) {
      read.get(0).data().forEach(d -> byStep.put(d.step(), d));
    }
    return byStep;
  }

  @Override
  protected void runsChanged(List<String> runs, List<String> removed) {
    removed.forEach(sections::remove);
    body.removeAll();
    for (String run : runs) {
      Section section = sections.computeIfAbsent(run, r -> {
        Span caption = new Span();
        caption.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)")
            .set("margin-left", "var(--lumo-space-s)");
        MarkdownView view = new MarkdownView();
        view.setRaw(raw.getAsBoolean());
        return new Section(new RunPanel(r, selection.colorOf(r), caption, view), caption, view, List.of());
      });
      body.add(section.panel());
    }
  }

  @Override
  public void settingsChanged() {
    sections.values().forEach(s -> s.view().setRaw(raw.getAsBoolean()));
  }

  /** Shows each run's text at the chosen step, reading only what changed. */
  @Override
  protected void render() {
    long step = selectedStep();
    for (Map.Entry<String, Section> e : sections.entrySet()) {
      Section section = e.getValue();
      BlobSequenceDatum entry = entry(e.getKey());
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
