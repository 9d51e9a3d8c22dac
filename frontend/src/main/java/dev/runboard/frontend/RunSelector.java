package dev.runboard.frontend;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.runboard.data.DataClass;
import dev.runboard.data.DataProvider;
import dev.runboard.data.DataUpdate;
import dev.runboard.data.RunInfo;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.Subscription;
import dev.runboard.data.UpdateFilter;
import dev.runboard.plugin.FieldError;
import dev.runboard.plugin.RunSelection;
import dev.runboard.plugin.UiUpdateQueue;
import dev.runboard.plugin.ViewState;
import elemental.json.Json;
import elemental.json.JsonObject;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The run list, shared by every dashboard: a lazy, virtualised grid (fast with 10,000 runs) with
 * a regular-expression filter, select all / none / only the filtered runs, a colour swatch per run
 * (click it to choose another; colours are remembered by the browser across reloads), and the
 * columns last step, last update and points, each sortable. The filter and the selection live in
 * the URL ({@code runs.filter}, {@code runs}: see {@link SelectionInUrl}), so reloads, shared
 * links and back/forward restore them. Runs that appear join the selection while fewer than
 * {@link #AUTO_SELECTED} are selected, as TensorBoard selects runs by default without drawing
 * thousands of lines.
 */
final class RunSelector extends VerticalLayout {
  static final int AUTO_SELECTED = 40;
  static final String FILTER_KEY = "runs.filter";
  private static final String COLORS_STORAGE = "runboard.colors";
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private final DataProvider data;
  private final RunSelection selection;
  private final ViewState viewState;
  private final UiRefreshTimer timer;
  private final TreeSet<String> known = new TreeSet<>();
  private final Map<String, RunRow> rows = new HashMap<>();
  private final ListDataProvider<String> items = new ListDataProvider<>(known);
  private final Grid<String> grid = new Grid<>();
  private final TextField filter = new TextField();
  private final Span count = new Span();
  private Pattern pattern;
  private SelectionInUrl inUrl = new SelectionInUrl.Auto();
  private Subscription subscription;
  private Subscription stateSubscription;
  private Subscription colorSubscription;
  private ScheduledFuture<?> clock;
  private boolean updatingSelection;
  private boolean colorsDirty;
  private int ticks;

  RunSelector(DataProvider data, RunSelection selection, ViewState viewState, UiRefreshTimer timer) {
    this.data = data;
    this.selection = selection;
    this.viewState = viewState;
    this.timer = timer;
    setPadding(true);
    setSpacing(false);
    setSizeFull();

    filter.setPlaceholder("Filter runs (regex)");
    filter.setClearButtonVisible(true);
    filter.setWidthFull();
    filter.setValueChangeMode(ValueChangeMode.LAZY);
    filter.setId("run-filter");
    filter.addValueChangeListener(e -> {
      applyFilter(e.getValue());
      if (e.isFromClient()) {
        viewState.push(FILTER_KEY, e.getValue() == null || e.getValue().isEmpty() ? null : e.getValue());
        if (inUrl instanceof SelectionInUrl.Filtered) {
          select(inUrl.select(known, filterPredicate()), false);
        }
      }
    });

    Button all = new Button("All", e -> selectShown(true));
    Button none = new Button("None", e -> selectShown(false));
    Button only = new Button("Only filtered", e -> selectOnlyShown());
    for (Button b : List.of(all, none, only)) {
      b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
    }
    all.setId("runs-select-all");
    none.setId("runs-select-none");
    only.setId("runs-select-filtered");
    all.getElement().setAttribute("title", "Select every run the filter shows");
    none.getElement().setAttribute("title", "Deselect every run the filter shows");
    only.getElement().setAttribute("title", "Select exactly the runs the filter shows");
    count.setId("runs-count");
    count.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)")
        .set("margin-left", "auto");
    HorizontalLayout buttons = new HorizontalLayout(all, none, only, count);
    buttons.setWidthFull();
    buttons.setSpacing(false);
    buttons.setAlignItems(FlexComponent.Alignment.CENTER);

    grid.setId("run-selector");
    grid.setItems(items);
    grid.setSelectionMode(Grid.SelectionMode.MULTI);
    grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_ROW_STRIPES);
    grid.setColumnReorderingAllowed(false);
    grid.addColumn(LitRenderer.<String>of(
            "<input type='color' class='run-color' title='Colour of ${item.name}: click to change' .value=${item.color}"
                + " @change=${e => setColor(e.target.value)} @click=${e => e.stopPropagation()}"
                + " style='width:18px;height:18px;padding:0;border:none;background:none;cursor:pointer;vertical-align:middle'>")
            .withProperty("name", run -> run)
            .withProperty("color", selection::colorOf)
            .withFunction("setColor", (run, args) -> {
              try {
                selection.setColor(run, args.getString(0));
              } catch (IllegalArgumentException ignored) {
                // not a colour the input can send: nothing to do
              }
            }))
        .setHeader("").setKey("color").setWidth("34px").setFlexGrow(0);
    Grid.Column<String> names = grid.addColumn(LitRenderer.<String>of(
            "<span title='${item.name}' class='run-name'>${item.name}</span>")
            .withProperty("name", run -> run))
        .setKey("name").setHeader("Run").setFlexGrow(1).setResizable(true)
        .setComparator(Comparator.naturalOrder());
    grid.addColumn(run -> row(run).lastStep())
        .setKey("lastStep").setHeader("Step").setWidth("88px").setFlexGrow(0).setTextAlign(ColumnTextAlign.END)
        .setComparator(Comparator.comparingLong(run -> row(run).lastStep()));
    grid.addColumn(LitRenderer.<String>of("<span title='${item.when}'>${item.ago}</span>")
            .withProperty("ago", run -> row(run).updatedAgo(Instant.now().toEpochMilli() / 1000.0))
            .withProperty("when", run -> Double.isNaN(row(run).lastWallTime()) ? ""
                : WHEN.format(Instant.ofEpochMilli((long) (row(run).lastWallTime() * 1000)))))
        .setKey("updated").setHeader("Updated").setWidth("110px").setFlexGrow(0)
        .setComparator(Comparator.comparingDouble(run -> {
          double w = row(run).lastWallTime();
          return Double.isNaN(w) ? Double.NEGATIVE_INFINITY : w;
        }));
    NumberFormat thousands = NumberFormat.getIntegerInstance(Locale.ROOT);
    grid.addColumn(run -> thousands.format(row(run).points()))
        .setKey("points").setHeader("Points").setWidth("96px").setFlexGrow(0).setTextAlign(ColumnTextAlign.END)
        .setComparator(Comparator.comparingLong(run -> row(run).points()));
    grid.getColumns().forEach(c -> c.setSortable(c.getComparator(SortDirection.ASCENDING) != null));
    grid.sort(GridSortOrder.asc(names).build());
    // Clicking a run's name toggles it, as in TensorBoard's run list; the checkbox does too.
    grid.addItemClickListener(e -> {
      if (e.getColumn() == names) {
        Set<String> selected = new LinkedHashSet<>(selection.selected());
        if (!selected.remove(e.getItem())) {
          selected.add(e.getItem());
        }
        select(selected, true);
      }
    });
    grid.asMultiSelect().addValueChangeListener(e -> {
      if (e.isFromClient() && !updatingSelection) {
        select(new LinkedHashSet<>(e.getValue()), true);
      }
    });
    grid.setSizeFull();
    add(filter, buttons, grid);
  }

  private RunRow row(String run) {
    RunRow row = rows.get(run);
    return row != null ? row : new RunRow(run, 0, Double.NaN, 0);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    UiUpdateQueue<DataUpdate> queue = new UiUpdateQueue<>(ui, this::applyUpdates);
    subscription = data.subscribe(new UpdateFilter(RunTagFilter.all(), Set.of(DataClass.SCALARS)), queue::add);
    colorSubscription = selection.onColorChange(run -> {
      items.refreshItem(run);
      colorsDirty = true;
    });
    stateSubscription = viewState.onChange(state -> applyUrl());
    List<RunInfo> runs = data.listRuns();
    for (RunInfo run : runs) {
      rows.put(run.name(), RunRow.of(run));
      known.add(run.name());
    }
    // First sight: colours in name order, then whatever this browser remembers.
    known.forEach(selection::colorOf);
    ui.getPage().executeJs("return localStorage.getItem($0)", COLORS_STORAGE).then(String.class, this::restoreColors);
    applyUrl();
    // "2 min ago" ages, and chosen colours are saved, without a request from the browser.
    clock = timer.every(5000, () -> ui.access(this::tick));
  }

  @Override
  protected void onDetach(DetachEvent event) {
    for (Subscription s : new Subscription[] {subscription, colorSubscription, stateSubscription}) {
      if (s != null) {
        s.close();
      }
    }
    if (clock != null) {
      clock.cancel(false);
    }
  }

  private void tick() {
    if (colorsDirty) {
      colorsDirty = false;
      JsonObject json = Json.createObject();
      selection.colors().forEach(json::put);
      getElement().executeJs("localStorage.setItem($0, $1)", COLORS_STORAGE, json.toJson());
    }
    if (++ticks % 6 == 0) {
      items.refreshAll(); // the "updated" column, every 30 s
    }
  }

  private void restoreColors(String stored) {
    if (stored == null || stored.isEmpty()) {
      return;
    }
    try {
      JsonObject json = Json.parse(stored);
      Map<String, String> colors = new LinkedHashMap<>();
      for (String run : json.keys()) {
        colors.put(run, json.getString(run));
      }
      selection.restoreColors(colors);
    } catch (RuntimeException e) {
      // Something else wrote the key: start over.
      colorsDirty = true;
    }
  }

  /** Filter and selection from the URL (on attach, back, forward, a followed link). */
  private void applyUrl() {
    String text = viewState.get(FILTER_KEY).orElse("");
    if (!text.equals(filter.getValue())) {
      filter.setValue(text);
    }
    applyFilter(text);
    inUrl = SelectionInUrl.parse(viewState.get(SelectionInUrl.KEY).orElse(null));
    select(inUrl.select(known, filterPredicate()), false);
  }

  private void applyUpdates(List<DataUpdate> updates) {
    Set<String> changed = new LinkedHashSet<>();
    Set<String> added = new LinkedHashSet<>();
    Set<String> removed = new LinkedHashSet<>();
    for (DataUpdate update : updates) {
      if (update instanceof DataUpdate.RunAdded) {
        added.add(update.run());
        removed.remove(update.run());
      } else if (update instanceof DataUpdate.RunRemoved) {
        removed.add(update.run());
        added.remove(update.run());
      } else {
        changed.add(update.run());
      }
    }
    if (!removed.isEmpty()) {
      known.removeAll(removed);
      removed.forEach(rows::remove);
      Set<String> selected = new LinkedHashSet<>(selection.selected());
      if (selected.removeAll(removed)) {
        select(selected, false);
      }
    }
    Set<String> selected = new LinkedHashSet<>(selection.selected());
    Predicate<String> matches = filterPredicate();
    boolean structure = !removed.isEmpty();
    for (String run : added) {
      if (known.add(run)) {
        structure = true;
        selection.colorOf(run);
        if (inUrl.joins(run, selected.size(), matches)) {
          selected.add(run);
        }
      }
      changed.add(run);
    }
    for (String run : changed) {
      data.run(run).ifPresent(info -> rows.put(run, RunRow.of(info)));
    }
    if (structure) {
      items.refreshAll();
      select(selected, false);
      updateCount();
    } else {
      changed.forEach(items::refreshItem);
    }
  }

  private Predicate<String> filterPredicate() {
    Pattern p = pattern;
    return run -> p == null || p.matcher(run).find();
  }

  private void applyFilter(String text) {
    FieldError.clear(filter);
    if (text == null || text.isBlank()) {
      pattern = null;
    } else {
      try {
        pattern = Pattern.compile(text, Pattern.CASE_INSENSITIVE);
      } catch (PatternSyntaxException e) {
        FieldError.show(filter, "Not a regular expression: " + e.getDescription());
        return;
      }
    }
    items.setFilter(filterPredicate()::test);
    updateCount();
  }

  private void updateCount() {
    long shown = pattern == null ? known.size() : known.stream().filter(filterPredicate()).count();
    String runs = known.size() == 1 ? " run" : " runs";
    count.setText(shown == known.size() ? known.size() + runs : shown + " of " + known.size() + runs);
  }

  /** Selects (or deselects) every run the filter shows, leaving the others as they are. */
  private void selectShown(boolean on) {
    Set<String> selected = new LinkedHashSet<>(selection.selected());
    Predicate<String> matches = filterPredicate();
    for (String run : known) {
      if (matches.test(run)) {
        if (on) {
          selected.add(run);
        } else {
          selected.remove(run);
        }
      }
    }
    select(selected, true);
  }

  /** Selects exactly the runs the filter shows. */
  private void selectOnlyShown() {
    Set<String> selected = new LinkedHashSet<>();
    known.stream().filter(filterPredicate()).forEach(selected::add);
    select(selected, true);
  }

  /** Applies a selection; one the user made is written to the URL as a new history entry. */
  private void select(Set<String> selected, boolean byUser) {
    selection.select(selected);
    if (byUser) {
      String value = SelectionInUrl.format(selected, known, filterPredicate(), pattern != null);
      boolean tooLong = value == null && !selected.equals(new SelectionInUrl.Auto().select(known, filterPredicate()));
      inUrl = tooLong ? new SelectionInUrl.Listed(List.copyOf(selected)) : SelectionInUrl.parse(value);
      viewState.push(SelectionInUrl.KEY, value);
    }
    updatingSelection = true;
    try {
      grid.asMultiSelect().setValue(new LinkedHashSet<>(selection.selected()));
    } finally {
      updatingSelection = false;
    }
  }
}
