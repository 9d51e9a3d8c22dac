package dev.runboard.plugin.scalars;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.runboard.chart.LineChart;
import dev.runboard.plugin.RunDataListener;
import dev.runboard.plugin.RunDataSource;
import dev.runboard.plugin.RunInfo;
import dev.runboard.plugin.RunSelection;
import dev.runboard.plugin.ScalarSeries;
import dev.runboard.plugin.Subscription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One {@link LineChart} per scalar tag, one line per selected run. While attached it follows the
 * data source: new points go to the browser as appended points, never as a reload, and selection
 * changes add or remove single lines.
 */
final class ScalarsDashboard extends VerticalLayout {
  private final RunDataSource data;
  private final RunSelection selection;
  private final FlexLayout grid = new FlexLayout();
  private final Paragraph empty =
      new Paragraph("No scalar data yet. Runs appear here as soon as they log their first point.");
  /** Charts by tag, in tag order. */
  private final Map<String, LineChart> charts = new TreeMap<>();
  /** Per tag, per run: how many points of the series the browser already has. */
  private final Map<String, Map<String, Integer>> shown = new HashMap<>();
  private final List<Subscription> subscriptions = new ArrayList<>();

  ScalarsDashboard(RunDataSource data, RunSelection selection) {
    this.data = data;
    this.selection = selection;
    setSizeFull();
    setPadding(true);
    grid.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    grid.setWidthFull();
    grid.getStyle().set("gap", "var(--lumo-space-m)");
    add(empty, grid);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    // Subscribe before reading snapshots: an update racing with a snapshot is recognised by its
    // offset and not applied twice.
    subscriptions.add(
        data.subscribe(
            new RunDataListener() {
              @Override
              public void scalarsAppended(ScalarSeries appended) {
                ui.access(() -> append(appended));
              }
            }));
    subscriptions.add(selection.onChange(this::showRuns));
    // The browser lost its chart state if we were detached: start over.
    grid.removeAll();
    charts.clear();
    shown.clear();
    showRuns(selection.selected());
  }

  @Override
  protected void onDetach(DetachEvent event) {
    subscriptions.forEach(Subscription::close);
    subscriptions.clear();
  }

  /** Makes the charts show exactly the given runs. */
  private void showRuns(Set<String> runs) {
    for (String tag : List.copyOf(shown.keySet())) {
      for (String run : List.copyOf(shown.get(tag).keySet())) {
        if (!runs.contains(run)) {
          removeLine(tag, run);
        }
      }
    }
    for (RunInfo run : data.runs()) {
      if (!runs.contains(run.name())) {
        continue;
      }
      for (String tag : data.scalarTags(run.name())) {
        if (!shown.getOrDefault(tag, Map.of()).containsKey(run.name())) {
          data.scalars(run.name(), tag).ifPresent(this::showWhole);
        }
      }
    }
    updateEmptyState();
  }

  private void append(ScalarSeries update) {
    if (!selection.isSelected(update.run())) {
      return;
    }
    Integer have = shown.getOrDefault(update.tag(), Map.of()).get(update.run());
    if (have == null || update.offset() > have) {
      // A new line, or points we never saw: send the line whole.
      data.scalars(update.run(), update.tag()).ifPresent(this::showWhole);
    } else if (update.end() > have) {
      int skip = have - update.offset();
      chartFor(update.tag())
          .appendPoints(
              update.run(),
              Arrays.copyOfRange(update.steps(), skip, update.size()),
              Arrays.copyOfRange(update.values(), skip, update.size()));
      shown.get(update.tag()).put(update.run(), update.end());
    }
    updateEmptyState();
  }

  private void showWhole(ScalarSeries series) {
    chartFor(series.tag())
        .setLine(series.run(), selection.colorOf(series.run()), series.steps(), series.values());
    shown.computeIfAbsent(series.tag(), t -> new HashMap<>()).put(series.run(), series.end());
  }

  private void removeLine(String tag, String run) {
    Map<String, Integer> lines = shown.get(tag);
    lines.remove(run);
    if (lines.isEmpty()) {
      // No selected run has this tag: drop the chart, as TensorBoard does.
      shown.remove(tag);
      grid.remove(charts.remove(tag));
    } else {
      charts.get(tag).removeLine(run);
    }
  }

  private LineChart chartFor(String tag) {
    LineChart chart = charts.get(tag);
    if (chart == null) {
      chart = new LineChart(tag);
      chart.setWidth("min(100%, 480px)");
      charts.put(tag, chart);
      grid.addComponentAtIndex(new ArrayList<>(charts.keySet()).indexOf(tag), chart);
    }
    return chart;
  }

  private void updateEmptyState() {
    empty.setVisible(charts.isEmpty());
  }
}
