package dev.runboard.frontend;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.runboard.data.DataProvider;
import dev.runboard.data.DataUpdate;
import dev.runboard.data.RunInfo;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.Subscription;
import dev.runboard.data.UpdateFilter;
import dev.runboard.plugin.RunSelection;
import dev.runboard.plugin.UiUpdateQueue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The run list: a virtualised grid (fast with thousands of runs) with a colour swatch per run and
 * a regular-expression filter. Runs that appear are selected while fewer than {@link
 * #AUTO_SELECTED} are, as TensorBoard selects runs by default without drawing thousands of lines.
 */
final class RunSelector extends VerticalLayout {
  static final int AUTO_SELECTED = 40;

  private final DataProvider data;
  private final RunSelection selection;
  private final TreeSet<String> known = new TreeSet<>();
  private final ListDataProvider<String> items = new ListDataProvider<>(known);
  private final Grid<String> grid = new Grid<>();
  private final TextField filter = new TextField();
  private Pattern pattern;
  private Subscription subscription;
  private boolean updatingSelection;

  RunSelector(DataProvider data, RunSelection selection) {
    this.data = data;
    this.selection = selection;
    setPadding(true);
    setSpacing(false);
    setSizeFull();

    filter.setPlaceholder("Filter runs (regex)");
    filter.setClearButtonVisible(true);
    filter.setWidthFull();
    filter.setValueChangeMode(ValueChangeMode.LAZY);
    filter.setId("run-filter");
    filter.addValueChangeListener(e -> applyFilter(e.getValue()));

    Button all = new Button("All", e -> selectShown(true));
    Button none = new Button("None", e -> selectShown(false));
    all.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
    none.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
    all.setId("runs-select-all");
    none.setId("runs-select-none");

    grid.setId("run-selector");
    grid.setItems(items);
    grid.setSelectionMode(Grid.SelectionMode.MULTI);
    grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
    Grid.Column<String> names = grid.addColumn(LitRenderer.<String>of(
            "<span style='display:inline-block;width:10px;height:10px;border-radius:2px;"
                + "margin-right:6px;background:${item.color}'></span><span title='${item.name}'>${item.name}</span>")
            .withProperty("name", run -> run)
            .withProperty("color", selection::colorOf))
        .setHeader("Runs")
        .setFlexGrow(1);
    // Clicking a run's name toggles it, as in TensorBoard's run list; the checkbox does too.
    grid.addItemClickListener(e -> {
      if (e.getColumn() == names) {
        Set<String> selected = new LinkedHashSet<>(selection.selected());
        if (!selected.remove(e.getItem())) {
          selected.add(e.getItem());
        }
        selection.select(selected);
        syncGrid();
      }
    });
    grid.asMultiSelect().addValueChangeListener(e -> {
      if (e.isFromClient() && !updatingSelection) {
        selection.select(new LinkedHashSet<>(e.getValue()));
      }
    });
    grid.setSizeFull();
    add(filter, new HorizontalLayout(all, none), grid);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UiUpdateQueue<DataUpdate> queue = new UiUpdateQueue<>(event.getUI(), this::applyUpdates);
    subscription = data.subscribe(
        new UpdateFilter(RunTagFilter.all(), Set.of()),
        update -> {
          if (update instanceof DataUpdate.RunAdded || update instanceof DataUpdate.RunRemoved) {
            queue.add(update);
          }
        });
    List<String> names = new ArrayList<>();
    for (RunInfo run : data.listRuns()) {
      names.add(run.name());
    }
    addRuns(names);
  }

  @Override
  protected void onDetach(DetachEvent event) {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
  }

  private void applyUpdates(List<DataUpdate> updates) {
    List<String> added = new ArrayList<>();
    Set<String> removed = new LinkedHashSet<>();
    for (DataUpdate update : updates) {
      if (update instanceof DataUpdate.RunAdded) {
        added.add(update.run());
        removed.remove(update.run());
      } else {
        removed.add(update.run());
        added.remove(update.run());
      }
    }
    if (!removed.isEmpty()) {
      known.removeAll(removed);
      Set<String> selected = new LinkedHashSet<>(selection.selected());
      if (selected.removeAll(removed)) {
        selection.select(selected);
      }
    }
    addRuns(added);
    syncGrid();
  }

  private void addRuns(List<String> runs) {
    Set<String> selected = new LinkedHashSet<>(selection.selected());
    for (String run : runs) {
      if (known.add(run) && selected.size() < AUTO_SELECTED) {
        selected.add(run);
      }
    }
    selection.select(selected);
    syncGrid();
  }

  private void syncGrid() {
    items.refreshAll();
    updatingSelection = true;
    try {
      grid.asMultiSelect().setValue(new LinkedHashSet<>(selection.selected()));
    } finally {
      updatingSelection = false;
    }
  }

  private void applyFilter(String text) {
    filter.setInvalid(false);
    if (text == null || text.isBlank()) {
      pattern = null;
    } else {
      try {
        pattern = Pattern.compile(text, Pattern.CASE_INSENSITIVE);
      } catch (PatternSyntaxException e) {
        filter.setInvalid(true);
        filter.setErrorMessage("Not a regular expression: " + e.getDescription());
        return;
      }
    }
    Pattern p = pattern;
    items.setFilter(run -> p == null || p.matcher(run).find());
  }

  /** Selects (or deselects) every run the filter shows, leaving the others as they are. */
  private void selectShown(boolean select) {
    Set<String> selected = new LinkedHashSet<>(selection.selected());
    Pattern p = pattern;
    for (String run : known) {
      if (p == null || p.matcher(run).find()) {
        if (select) {
          selected.add(run);
        } else {
          selected.remove(run);
        }
      }
    }
    selection.select(selected);
    syncGrid();
  }
}
