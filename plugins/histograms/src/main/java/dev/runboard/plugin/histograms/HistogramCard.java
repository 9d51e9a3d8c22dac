package dev.runboard.plugin.histograms;

import com.vaadin.flow.component.html.Div;
import dev.runboard.chart.HistogramChart;
import dev.runboard.data.DataProvider;
import dev.runboard.data.HistogramValue;
import dev.runboard.data.PluginNames;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.StepQuery;
import dev.runboard.data.TensorDatum;
import dev.runboard.data.TensorSeries;
import dev.runboard.plugin.RunSelection;
import dev.runboard.plugin.ui.RunPanel;
import dev.runboard.plugin.ui.TagCard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A histogram tag's card: a chart per run (side by side), or one chart for every run. */
final class HistogramCard extends TagCard {
  private final DataProvider data;
  private final RunSelection selection;
  private final Supplier<HistogramChart.Mode> mode;
  private final Supplier<HistogramsDashboard.RunLayout> layout;
  private final Div body = new Div();
  /** The chart each run is drawn in (the same one for every run when overlaid). */
  private final Map<String, HistogramChart> charts = new LinkedHashMap<>();
  private List<String> runs = List.of();
  private HistogramsDashboard.RunLayout built;

  HistogramCard(
      String tag, DataProvider data, RunSelection selection, Supplier<HistogramChart.Mode> mode,
      Supplier<HistogramsDashboard.RunLayout> layout) {
    super(tag);
    this.data = data;
    this.selection = selection;
    this.mode = mode;
    this.layout = layout;
    getStyle().set("flex", "1 1 460px").set("max-width", "100%");
    body.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)");
    add(body);
  }

  @Override
  public void showRuns(List<String> runs) {
    this.runs = List.copyOf(runs);
    rebuild();
  }

  @Override
  public void refresh(String run) {
    read(run);
  }

  @Override
  public void settingsChanged() {
    if (built != layout.get()) {
      rebuild();
    } else {
      charts.values().stream().distinct().forEach(c -> c.setMode(mode.get()));
    }
  }

  private void rebuild() {
    body.removeAll();
    charts.clear();
    built = layout.get();
    HistogramChart shared = built == HistogramsDashboard.RunLayout.OVERLAID ? chart() : null;
    if (shared != null) {
      body.add(shared);
    }
    for (String run : runs) {
      if (shared != null) {
        charts.put(run, shared);
      } else {
        HistogramChart chart = chart();
        RunPanel panel = new RunPanel(run, selection.colorOf(run), chart);
        panel.getStyle().set("flex", "1 1 420px");
        body.add(panel);
        charts.put(run, chart);
      }
    }
    message().hide();
    runs.forEach(this::read);
  }

  private HistogramChart chart() {
    HistogramChart chart = new HistogramChart();
    chart.setMode(mode.get());
    return chart;
  }

  private void read(String run) {
    HistogramChart chart = charts.get(run);
    if (chart == null) {
      return;
    }
    try {
      List<TensorSeries> read = data.readTensors(
          PluginNames.HISTOGRAMS, RunTagFilter.one(run, tag()), StepQuery.sampled(HistogramsDashboard.STEPS));
      List<HistogramChart.Step> steps = new ArrayList<>();
      if (!read.isEmpty()) {
        for (TensorDatum d : read.get(0).data()) {
          if (d.value() instanceof HistogramValue h) {
            steps.add(new HistogramChart.Step(d.step(), d.wallTime(), h.min(), h.max(), h.bucketLimits(), h.buckets()));
          }
        }
      }
      chart.setSeries(run, selection.colorOf(run), steps);
    } catch (RuntimeException e) {
      message().error("Could not read run '" + run + "': " + e.getMessage());
    }
  }
}
