package dev.runboard.frontend;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import dev.runboard.plugin.RunDataListener;
import dev.runboard.plugin.RunDataSource;
import dev.runboard.plugin.RunInfo;
import dev.runboard.plugin.RunSelection;
import dev.runboard.plugin.Subscription;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The run list: a checkbox per run in its line colour. Runs that appear while the page is open are
 * added and selected, as TensorBoard selects every run by default.
 */
final class RunSelector extends VerticalLayout {
  private final RunDataSource data;
  private final RunSelection selection;
  private final CheckboxGroup<String> runs = new CheckboxGroup<>();
  private final Set<String> known = new TreeSet<>();
  private Subscription subscription;

  RunSelector(RunDataSource data, RunSelection selection) {
    this.data = data;
    this.selection = selection;
    setPadding(true);
    setSpacing(false);
    runs.setLabel("Runs");
    runs.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
    runs.setRenderer(new ComponentRenderer<>(this::label));
    runs.addValueChangeListener(
        e -> {
          if (e.isFromClient()) {
            selection.select(new LinkedHashSet<>(e.getValue()));
          }
        });
    runs.setId("run-selector");
    add(runs);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    subscription =
        data.subscribe(
            new RunDataListener() {
              @Override
              public void runAdded(RunInfo run) {
                ui.access(() -> addRuns(List.of(run)));
              }
            });
    addRuns(data.runs());
  }

  @Override
  protected void onDetach(DetachEvent event) {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
  }

  private void addRuns(List<RunInfo> newRuns) {
    Set<String> added = new LinkedHashSet<>();
    for (RunInfo run : newRuns) {
      if (known.add(run.name())) {
        added.add(run.name());
      }
    }
    if (added.isEmpty()) {
      return;
    }
    Set<String> selected = new LinkedHashSet<>(selection.selected());
    selected.addAll(added);
    runs.setItems(known);
    runs.setValue(selected);
    selection.select(selected);
  }

  private Span label(String run) {
    Span swatch = new Span();
    swatch.getStyle()
        .set("display", "inline-block")
        .set("width", "10px")
        .set("height", "10px")
        .set("border-radius", "2px")
        .set("margin-right", "6px")
        .set("background", selection.colorOf(run));
    Span label = new Span(swatch, new Span(run));
    label.getElement().setAttribute("title", run);
    return label;
  }
}
