package dev.runboard.plugin.scalars;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.runboard.chart.LineChart;
import dev.runboard.data.DataClass;
import dev.runboard.data.DataProvider;
import dev.runboard.data.DataUpdate;
import dev.runboard.data.PluginNames;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.ScalarQuery;
import dev.runboard.data.ScalarSeries;
import dev.runboard.data.SeriesInfo;
import dev.runboard.data.Subscription;
import dev.runboard.data.UpdateFilter;
import dev.runboard.plugin.RunSelection;
import dev.runboard.plugin.UiUpdateQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One {@link LineChart} per scalar tag, one line per selected run. Lines are read downsampled
 * with M4 to the chart's resolution, so a series of millions of points costs the browser a few
 * thousand. While attached, the dashboard hears only about the runs it shows: a short series
 * grows by its appended points, a downsampled one is read again.
 */
final class ScalarsDashboard extends VerticalLayout {
  /** Pixel columns a line is downsampled to: more than a card is wide. */
  static final int COLUMNS = 1000;

  private final DataProvider data;
  private final RunSelection selection;
  private final FlexLayout grid = new FlexLayout();
  private final Paragraph empty =
      new Paragraph("No scalar data yet. Runs appear here as soon as they log their first point.");
  /** Charts by tag, in tag order. */
  private final Map<String, LineChart> charts = new TreeMap<>();
  /** Per tag, per run: what the browser has. */
  private final Map<String, Map<String, Shown>> shown = new HashMap<>();
  private Subscription selectionSubscription;
  private Subscription dataSubscription;
  private UiUpdateQueue<DataUpdate> updates;

  /** A line as the browser has it: the version it was read at and whether it is the full series. */
  private record Shown(long version, boolean complete) {}

  ScalarsDashboard(DataProvider data, RunSelection selection) {
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
    updates = new UiUpdateQueue<>(event.getUI(), this::applyUpdates);
    selectionSubscription = selection.onChange(this::showRuns);
    // The browser lost its chart state if we were detached: start over.
    grid.removeAll();
    charts.clear();
    shown.clear();
    showRuns(selection.selected());
  }

  @Override
  protected void onDetach(DetachEvent event) {
    selectionSubscription.close();
    if (dataSubscription != null) {
      dataSubscription.close();
      dataSubscription = null;
    }
  }

  /** Makes the charts show exactly the given runs, and listens to exactly those. */
  private void showRuns(Set<String> runs) {
    if (dataSubscription != null) {
      dataSubscription.close();
    }
    // Subscribe before reading: an update racing with a read is recognised by its version.
    dataSubscription = data.subscribe(
        new UpdateFilter(RunTagFilter.of(runs, null), Set.of(DataClass.SCALARS)),
        updates::add);
    for (String tag : List.copyOf(shown.keySet())) {
      for (String run : List.copyOf(shown.get(tag).keySet())) {
        if (!runs.contains(run)) {
          removeLine(tag, run);
        }
      }
    }
    for (SeriesInfo series : data.listSeries(DataClass.SCALARS, PluginNames.SCALARS, RunTagFilter.of(runs, null))) {
      if (!shown.getOrDefault(series.tag(), Map.of()).containsKey(series.run())) {
        readLine(series.run(), series.tag());
      }
    }
    updateEmptyState();
  }

  private void applyUpdates(List<DataUpdate> batch) {
    for (DataUpdate update : batch) {
      if (update instanceof DataUpdate.SeriesAdvanced s) {
        advance(s);
      } else if (update instanceof DataUpdate.RunChanged || update instanceof DataUpdate.RunRemoved) {
        for (String tag : List.copyOf(shown.keySet())) {
          if (shown.get(tag).containsKey(update.run())) {
            if (update instanceof DataUpdate.RunRemoved) {
              removeLine(tag, update.run());
            } else {
              readLine(update.run(), tag);
            }
          }
        }
      }
    }
    updateEmptyState();
  }

  private void advance(DataUpdate.SeriesAdvanced update) {
    if (!selection.isSelected(update.run()) || !PluginNames.SCALARS.equals(update.pluginName())) {
      return;
    }
    Shown line = shown.getOrDefault(update.tag(), Map.of()).get(update.run());
    if (line != null && line.version() >= update.version()) {
      return; // already read at this version or later
    }
    ScalarSeries appended = update.appended();
    if (line != null && line.complete() && appended != null && update.previousVersion() == line.version()
        && line.version() >= 0) {
      chartFor(update.tag()).appendPoints(update.run(), appended.steps(), appended.values());
      shown.get(update.tag()).put(update.run(), new Shown(update.version(), true));
    } else {
      readLine(update.run(), update.tag());
    }
  }

  private void readLine(String run, String tag) {
    List<ScalarSeries> read = data.readScalars(RunTagFilter.one(run, tag), ScalarQuery.downsampled(COLUMNS));
    if (read.isEmpty()) {
      return;
    }
    ScalarSeries series = read.get(0);
    chartFor(tag).setLine(run, selection.colorOf(run), series.steps(), series.values());
    shown.computeIfAbsent(tag, t -> new HashMap<>()).put(run, new Shown(series.version(), !series.downsampled()));
  }

  private void removeLine(String tag, String run) {
    Map<String, Shown> lines = shown.get(tag);
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
