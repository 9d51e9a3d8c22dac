package dev.runboard.plugin.hparams;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.HeaderRow;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.StreamResource;
import dev.runboard.data.DataClass;
import dev.runboard.data.DataProvider;
import dev.runboard.data.DataUpdate;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.Subscription;
import dev.runboard.data.UpdateFilter;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.UiUpdateQueue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * TensorBoard's three hparams views, linked: parallel coordinates (brushing an axis filters), the
 * session table (a Grid: sortable, a filter per column, a column chooser; clicking a session's run
 * selects its runs for the scalars dashboard) and a scatter-plot matrix, plus hparam importance
 * and CSV/LaTeX export of what the filters keep. Colour metric and aggregation are in the URL.
 */
final class HParamsDashboard extends VerticalLayout {
  static final String COLOR_KEY = "hparams.color";
  static final String AGG_KEY = "hparams.agg";
  /** Metric columns shown at first when a table has more. */
  static final int DEFAULT_METRICS = 6;
  private static final long REFRESH_MILLIS = 2000;

  private final DashboardContext context;
  private final DataProvider data;
  private final Select<String> aggregation = new Select<>();
  private final Select<String> color = new Select<>();
  private final Select<String> importanceMetric = new Select<>();
  private final MultiSelectComboBox<String> statuses = new MultiSelectComboBox<>("Status");
  private final Button columns = new Button("Columns");
  private final ContextMenu columnMenu = new ContextMenu();
  private final Span count = new Span();
  private final Paragraph empty = new Paragraph(
      "No session yet: a session is a run that logged hyperparameters (Runboard's trainer does at the"
          + " start of fit; TensorBoard's hparams plugin and PyTorch's add_hparams too).");
  private final ParallelCoordinates parallel = new ParallelCoordinates();
  private final ScatterMatrix scatter = new ScatterMatrix();
  private final Div gridHolder = new Div();
  private final Div importance = new Div();
  private final VerticalLayout body = new VerticalLayout();

  private SessionTable table = new SessionTable(List.of(), List.of(), List.of(), MetricAggregation.LAST);
  private SessionFilter filter = SessionFilter.none();
  private List<Session> shown = List.of();
  private Grid<Session> grid;
  private final Map<String, TextField> columnFilters = new HashMap<>();
  private final Set<String> hidden = new HashSet<>();
  private Set<String> columnSet = Set.of();
  private Subscription subscription;
  private UI ui;
  private long lastRefresh;
  private boolean refreshScheduled;
  private boolean syncingFilters;
  private List<Object> importanceKey;

  HParamsDashboard(DashboardContext context) {
    this.context = context;
    this.data = context.data();
    setSizeFull();
    setPadding(true);
    aggregation.setLabel("Metric value");
    aggregation.setItems("last", "min", "max");
    aggregation.setValue("last");
    aggregation.setId("hparams-agg");
    aggregation.addValueChangeListener(e -> {
      if (e.isFromClient()) {
        context.viewState().set(AGG_KEY, e.getValue());
        refresh();
      }
    });
    color.setLabel("Colour by");
    color.setId("hparams-color");
    color.addValueChangeListener(e -> {
      if (e.isFromClient() && e.getValue() != null) {
        context.viewState().set(COLOR_KEY, e.getValue());
        parallel.setColor(PlotData.metricAxis(e.getValue()));
        scatter.setColor(PlotData.metricAxis(e.getValue()));
      }
    });
    statuses.setItems("success", "failure", "running", "unknown");
    statuses.setId("hparams-status");
    statuses.addValueChangeListener(e -> {
      filter = filter.withStatuses(e.getValue());
      applyFilter();
    });
    columns.setId("hparams-columns");
    columns.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    columnMenu.setTarget(columns);
    columnMenu.setOpenOnClick(true);
    Button clear = new Button("Clear filters", e -> clearFilters());
    clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    clear.setId("hparams-clear");
    Anchor csv = new Anchor(new StreamResource("hparams.csv",
        () -> new ByteArrayInputStream(TableExport.csv(table.withSessions(shown)).getBytes(StandardCharsets.UTF_8))), "CSV");
    Anchor latex = new Anchor(new StreamResource("hparams.tex",
        () -> new ByteArrayInputStream(TableExport.latex(table.withSessions(shown)).getBytes(StandardCharsets.UTF_8))), "LaTeX");
    csv.getElement().setAttribute("download", true);
    latex.getElement().setAttribute("download", true);
    csv.setId("hparams-export-csv");
    latex.setId("hparams-export-latex");
    count.setId("hparams-count");
    HorizontalLayout toolbar = new HorizontalLayout(aggregation, color, statuses, columns, clear, new Span("Export:"), csv, latex, count);
    toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    toolbar.setWrap(true);

    parallel.setId("hparams-parallel");
    parallel.onBrush(this::brushed);
    scatter.setId("hparams-scatter");
    gridHolder.setWidthFull();
    importanceMetric.setLabel("Importance for");
    importanceMetric.setId("hparams-importance-metric");
    importanceMetric.addValueChangeListener(e -> showImportance());
    importance.setId("hparams-importance");
    VerticalLayout importancePanel = new VerticalLayout(importanceMetric, importance);
    importancePanel.setPadding(false);
    importancePanel.setWidth("22em");
    HorizontalLayout tableRow = new HorizontalLayout(gridHolder, importancePanel);
    tableRow.setWidthFull();
    tableRow.setFlexGrow(1, gridHolder);
    body.setPadding(false);
    body.add(new H4("Parallel coordinates"), parallel, new H4("Sessions"), tableRow, new H4("Hyperparameters against metrics"), scatter);
    empty.setId("hparams-empty");
    add(toolbar, empty, body);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    ui = event.getUI();
    UiUpdateQueue<DataUpdate> updates = new UiUpdateQueue<>(ui, batch -> scheduleRefresh());
    subscription = data.subscribe(new UpdateFilter(RunTagFilter.all(), Set.of(DataClass.SCALARS, DataClass.BLOB_SEQUENCES)),
        update -> {
          if (!(update instanceof DataUpdate.SeriesAdvanced s) || s.dataClass() == DataClass.SCALARS
              || dev.runboard.data.PluginNames.HPARAMS.equals(s.pluginName())) {
            updates.add(update);
          }
        });
    context.viewState().get(AGG_KEY).filter(a -> List.of("last", "min", "max").contains(a)).ifPresent(aggregation::setValue);
    columnSet = Set.of(); // the browser lost its state: rebuild everything
    refresh();
  }

  @Override
  protected void onDetach(DetachEvent event) {
    subscription.close();
  }

  /** Re-reads at most every {@link #REFRESH_MILLIS}: a live logdir changes many times a second. */
  private void scheduleRefresh() {
    long wait = lastRefresh + REFRESH_MILLIS - System.currentTimeMillis();
    if (wait <= 0) {
      refresh();
    } else if (!refreshScheduled) {
      refreshScheduled = true;
      UI target = ui;
      CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS).execute(() -> target.access(() -> {
        refreshScheduled = false;
        refresh();
      }));
    }
  }

  private void refresh() {
    lastRefresh = System.currentTimeMillis();
    table = SessionTableReader.read(data, MetricAggregation.parse(aggregation.getValue()));
    boolean any = !table.sessions().isEmpty();
    empty.setVisible(!any);
    body.setVisible(any);
    Set<String> keys = new LinkedHashSet<>();
    table.hparams().forEach(h -> keys.add(PlotData.hparamAxis(h.name())));
    table.metrics().forEach(m -> keys.add(PlotData.metricAxis(m.key())));
    if (!keys.equals(columnSet)) {
      columnSet = keys;
      defaultColumns();
      buildGrid();
      buildColumnMenu();
      List<String> metricKeys = table.metrics().stream().map(MetricInfo::key).toList();
      color.setItems(metricKeys);
      importanceMetric.setItems(metricKeys);
      String wanted = context.viewState().get(COLOR_KEY).filter(metricKeys::contains).orElse(defaultColorMetric());
      color.setValue(wanted);
      importanceMetric.setValue(wanted);
    }
    plot();
    applyFilter();
    showImportance();
  }

  private void defaultColumns() {
    hidden.clear();
    boolean anyDiffers = table.hparams().stream().anyMatch(HParamInfo::differs);
    for (HParamInfo h : table.hparams()) {
      if (anyDiffers && !h.differs()) {
        hidden.add(PlotData.hparamAxis(h.name()));
      }
    }
    if (table.metrics().size() > DEFAULT_METRICS) {
      List<MetricInfo> preferred = table.metrics().stream().filter(HParamsDashboard::isSummaryMetric).toList();
      List<MetricInfo> keep = (preferred.isEmpty() ? table.metrics() : preferred).stream().limit(DEFAULT_METRICS).toList();
      for (MetricInfo m : table.metrics()) {
        if (!keep.contains(m)) {
          hidden.add(PlotData.metricAxis(m.key()));
        }
      }
    }
  }

  /** Epoch-level losses and metrics, and PyTorch's hparam/ metrics; not per-batch or rate tags. */
  private static boolean isSummaryMetric(MetricInfo m) {
    String tag = m.tag();
    return (tag.startsWith("epoch_") || tag.startsWith("hparam/") || tag.contains("accuracy") || tag.contains("loss"))
        && !tag.startsWith("batch_") && !tag.contains("learning_rate") && !tag.contains("per_second");
  }

  private String defaultColorMetric() {
    List<MetricInfo> visible = visibleMetrics();
    return visible.stream().filter(m -> m.tag().contains("accuracy") && m.runSuffix().contains("validation")).findFirst()
        .or(() -> visible.stream().filter(m -> m.tag().contains("accuracy")).findFirst())
        .or(() -> visible.stream().findFirst())
        .or(() -> table.metrics().stream().findFirst())
        .map(MetricInfo::key).orElse(null);
  }

  private List<HParamInfo> visibleHParams() {
    return table.hparams().stream().filter(h -> !hidden.contains(PlotData.hparamAxis(h.name()))).toList();
  }

  private List<MetricInfo> visibleMetrics() {
    return table.metrics().stream().filter(m -> !hidden.contains(PlotData.metricAxis(m.key()))).toList();
  }

  private void plot() {
    String json = PlotData.json(visibleHParams(), visibleMetrics(), table.sessions(), color.getValue());
    parallel.setData(json);
    scatter.setData(json);
  }

  private void buildColumnMenu() {
    columnMenu.removeAll();
    for (HParamInfo h : table.hparams()) {
      addColumnToggle("hparam " + h.name(), PlotData.hparamAxis(h.name()));
    }
    for (MetricInfo m : table.metrics()) {
      addColumnToggle("metric " + m.key(), PlotData.metricAxis(m.key()));
    }
  }

  private void addColumnToggle(String label, String key) {
    MenuItem item = columnMenu.addItem(label, e -> {
      if (e.getSource().isChecked()) {
        hidden.remove(key);
      } else {
        hidden.add(key);
      }
      Grid.Column<Session> column = grid.getColumnByKey(key);
      if (column != null) {
        column.setVisible(!hidden.contains(key));
      }
      plot();
      applyFilter();
    });
    item.setCheckable(true);
    item.setChecked(!hidden.contains(key));
  }

  private void buildGrid() {
    grid = new Grid<>();
    grid.setId("hparams-table");
    grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    grid.setAllRowsVisible(false);
    grid.setHeight("420px");
    grid.setColumnReorderingAllowed(true);
    columnFilters.clear();
    grid.addColumn(LitRenderer.<Session>of(
            "<span class='session-link' title='Show its runs in the Scalars dashboard'"
                + " style='cursor:pointer;color:var(--lumo-primary-text-color)' @click=${open}>${item.label}</span>")
            .withProperty("label", HParamsDashboard::label)
            .withFunction("open", this::openInScalars))
        .setHeader("Run").setKey("run").setSortable(true).setComparator(Comparator.comparing(Session::sessionRun))
        .setAutoWidth(true).setFrozen(true).setResizable(true);
    grid.addColumn(LitRenderer.<Session>of("<span class='status' style='color:${item.color}'>${item.status}</span>")
            .withProperty("status", Session::status)
            .withProperty("color", s -> switch (s.status()) {
              case "success" -> "var(--lumo-success-text-color)";
              case "failure" -> "var(--lumo-error-text-color)";
              case "running" -> "var(--lumo-primary-text-color)";
              default -> "var(--lumo-secondary-text-color)";
            }))
        .setHeader("Status").setKey("status").setSortable(true).setComparator(Comparator.comparing(Session::status))
        .setAutoWidth(true);
    for (HParamInfo h : table.hparams()) {
      String key = PlotData.hparamAxis(h.name());
      grid.addColumn(s -> TableExport.text(s.hparams().get(h.name()), false))
          .setHeader(h.name()).setKey(key).setSortable(true)
          .setComparator((a, b) -> compareMissingLast(a.hparams().get(h.name()), b.hparams().get(h.name())))
          .setAutoWidth(true).setResizable(true).setVisible(!hidden.contains(key));
    }
    for (MetricInfo m : table.metrics()) {
      String key = PlotData.metricAxis(m.key());
      grid.addColumn(LitRenderer.<Session>of(
              "<span class='${item.diverged ? \"diverged\" : \"\"}'"
                  + " style='${item.diverged ? \"color:#d62728;font-weight:600\" : \"\"}'>${item.text}</span>")
              .withProperty("text", s -> {
                MetricValue v = s.metrics().get(m.key());
                return v == null ? "" : v.diverged() ? TableExport.text(v.value(), false) + " (diverged)" : format(v.value());
              })
              .withProperty("diverged", s -> {
                MetricValue v = s.metrics().get(m.key());
                return v != null && v.diverged();
              }))
          .setHeader(m.key()).setKey(key).setSortable(true)
          .setComparator(Comparator.comparingDouble((Session s) -> sortValue(s.metrics().get(m.key()))))
          .setAutoWidth(true).setResizable(true).setVisible(!hidden.contains(key));
    }
    HeaderRow filters = grid.appendHeaderRow();
    for (Grid.Column<Session> column : grid.getColumns()) {
      String key = column.getKey();
      if (!key.startsWith("h:") && !key.startsWith("m:")) {
        continue;
      }
      TextField field = new TextField();
      field.setPlaceholder("a..b or value");
      field.setClearButtonVisible(true);
      field.setWidthFull();
      field.setValueChangeMode(ValueChangeMode.LAZY);
      field.addThemeName("small");
      field.getElement().setAttribute("data-column", key);
      field.addValueChangeListener(e -> typedFilter(key, field));
      filters.getCell(column).setComponent(field);
      columnFilters.put(key, field);
    }
    gridHolder.removeAll();
    gridHolder.add(grid);
  }

  private static String label(Session s) {
    String sessionRun = s.sessionRun();
    if (sessionRun.equals(s.run()) || sessionRun.endsWith("/train") || sessionRun.equals("train")) {
      return s.run();
    }
    return s.run() + " · " + sessionRun.substring(sessionRun.lastIndexOf('/') + 1);
  }

  private static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.6g", v);
  }

  /** Missing and diverged values sort after every finite one. */
  private static double sortValue(MetricValue v) {
    return v == null ? Double.MAX_VALUE : v.diverged() ? Double.MAX_VALUE / 2 : v.value();
  }

  private static int compareMissingLast(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    return SessionTableReader.compareValues(a, b);
  }

  private void typedFilter(String key, TextField field) {
    if (syncingFilters) {
      return;
    }
    String text = field.getValue().trim();
    ColumnCondition condition = null;
    field.setInvalid(false);
    if (!text.isEmpty()) {
      try {
        condition = ColumnCondition.parse(text);
      } catch (IllegalArgumentException e) {
        field.setErrorMessage(e.getMessage());
        field.setInvalid(true);
        return;
      }
    }
    setCondition(key, condition);
    parallel.setBrush(key, condition != null && condition.range() ? condition.from() : null,
        condition != null && condition.range() ? condition.to() : null);
    applyFilter();
  }

  private void brushed(ParallelCoordinates.Brush brush) {
    // A range is rounded to 4 digits, as the column filter shows it: the table, the filter text
    // and the API's hparam.<name>=a..b with that text all keep the same sessions.
    ColumnCondition condition = brush.cleared() ? null
        : brush.values() != null ? ColumnCondition.anyOf(brush.values())
        : ColumnCondition.parse(format4(brush.from()) + ".." + format4(brush.to()));
    setCondition(brush.axis(), condition);
    TextField field = columnFilters.get(brush.axis());
    if (field != null) {
      syncingFilters = true;
      try {
        field.setValue(condition == null ? "" : condition.text());
        field.setInvalid(false);
      } finally {
        syncingFilters = false;
      }
    }
    applyFilter();
  }

  private static String format4(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  private void setCondition(String key, ColumnCondition condition) {
    if (key.startsWith("h:")) {
      filter = filter.withHParam(key.substring(2), condition);
    } else if (key.startsWith("m:")) {
      filter = filter.withMetric(key.substring(2), condition);
    }
  }

  private void clearFilters() {
    filter = SessionFilter.none();
    statuses.clear();
    syncingFilters = true;
    try {
      columnFilters.forEach((key, field) -> {
        field.clear();
        parallel.setBrush(key, null, null);
      });
    } finally {
      syncingFilters = false;
    }
    applyFilter();
  }

  private void applyFilter() {
    shown = filter.apply(table.sessions());
    if (grid != null) {
      grid.setItems(shown);
    }
    Set<Session> keep = new HashSet<>(shown);
    List<Boolean> mask = new ArrayList<>(table.sessions().size());
    table.sessions().forEach(s -> mask.add(keep.contains(s)));
    parallel.setMask(mask);
    scatter.setMask(mask);
    count.setText(shown.size() + " of " + table.sessions().size() + " sessions");
  }

  private void showImportance() {
    String metric = importanceMetric.getValue();
    // A forest per live update would be wasted work: only when the sessions or the metric change.
    List<Object> key = java.util.Arrays.asList(metric, table.sessions());
    if (key.equals(importanceKey)) {
      return;
    }
    importanceKey = key;
    importance.removeAll();
    if (metric == null || table.sessions().isEmpty()) {
      return;
    }
    HParamImportance.Result result;
    try {
      result = HParamImportance.compute(table, metric, 1);
    } catch (IllegalArgumentException e) {
      importance.add(new Paragraph(e.getMessage()));
      return;
    }
    for (HParamImportance.Entry e : result.entries()) {
      Div row = new Div();
      row.getElement().setAttribute("data-hparam", e.hparam());
      row.getStyle().set("margin", "4px 0");
      Span name = new Span(e.hparam() + " " + Math.round(e.importance() * 100) + " %");
      Div bar = new Div();
      bar.getStyle().set("height", "8px").set("background", "var(--lumo-primary-color)")
          .set("width", Math.max(1, Math.round(e.importance() * 100)) + "%").set("border-radius", "2px");
      row.add(name, bar);
      importance.add(row);
    }
    Paragraph note = new Paragraph(String.format(Locale.ROOT,
        "Permutation importance of a random forest over %d sessions (out-of-bag R² %.2f).",
        result.sessions(), result.outOfBagR2()));
    note.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)");
    importance.add(note);
  }

  /** Selects the session's runs for the scalars dashboard and goes there. */
  private void openInScalars(Session session) {
    context.runSelection().select(new LinkedHashSet<>(session.runs()));
    getUI().ifPresent(u -> u.navigate("scalars"));
  }
}
