package dev.runboard.plugin.distributions;

import com.vaadin.flow.component.html.Div;
import dev.runboard.chart.DistributionChart;
import dev.runboard.data.DataProvider;
import dev.runboard.data.HistogramValue;
import dev.runboard.data.PluginNames;
import dev.runboard.data.RunInfo;
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

/** A histogram tag's distributions: one chart per run, side by side. */
final class DistributionCard extends TagCard {
  private final DataProvider data;
  private final RunSelection selection;
  private final Supplier<DistributionChart.Axis> axis;
  private final Div body = new Div();
  private final Map<String, DistributionChart> charts = new LinkedHashMap<>();

  DistributionCard(String tag, DataProvider data, RunSelection selection, Supplier<DistributionChart.Axis> axis) {
    super(tag);
    this.data = data;
    this.selection = selection;
    this.axis = axis;
    getStyle().set("flex", "1 1 460px").set("max-width", "100%");
    body.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)");
    add(body);
  }

  @Override
  public void showRuns(List<String> runs) {
    body.removeAll();
    charts.clear();
    message().hide();
    for (String run : runs) {
      DistributionChart chart = new DistributionChart();
      RunPanel panel = new RunPanel(run, selection.colorOf(run), chart);
      panel.getStyle().set("flex", "1 1 420px");
      body.add(panel);
      charts.put(run, chart);
      read(run);
    }
  }

  @Override
  public void refresh(String run) {
    read(run);
  }

  @Override
  public void settingsChanged() {
    charts.keySet().forEach(this::read);
  }

  private void read(String run) {
    DistributionChart chart = charts.get(run);
    if (chart == null) {
      return;
    }
    try {
      List<TensorSeries> read = data.readTensors(
          PluginNames.HISTOGRAMS, RunTagFilter.one(run, tag()), StepQuery.sampled(DistributionsDashboard.STEPS));
      List<TensorDatum> steps = new ArrayList<>();
      if (!read.isEmpty()) {
        read.get(0).data().stream().filter(d -> d.value() instanceof HistogramValue).forEach(steps::add);
      }
      DistributionChart.Axis a = axis.get();
      double origin = a == DistributionChart.Axis.RELATIVE
          ? data.run(run).map(RunInfo::firstWallTime).filter(Double::isFinite).orElse(0.0)
          : 0;
      double[] x = new double[steps.size()];
      double[][] values = new double[CompressedHistogram.BASIS_POINTS.length][steps.size()];
      for (int i = 0; i < steps.size(); i++) {
        TensorDatum d = steps.get(i);
        x[i] = a == DistributionChart.Axis.STEP ? d.step() : d.wallTime() - origin;
        double[] v = CompressedHistogram.of((HistogramValue) d.value());
        for (int k = 0; k < v.length; k++) {
          values[k][i] = v[k];
        }
      }
      sortByX(x, values);
      chart.setData(selection.colorOf(run), a, x, values);
    } catch (RuntimeException e) {
      message().error("Could not read run '" + run + "': " + e.getMessage());
    }
  }

  /**
   * uPlot needs increasing x. Steps are logged in order, but wall times of a restarted run need
   * not be; sort every column by x.
   */
  private static void sortByX(double[] x, double[][] values) {
    boolean sorted = true;
    for (int i = 1; i < x.length && sorted; i++) {
      sorted = x[i] >= x[i - 1];
    }
    if (sorted) {
      return;
    }
    Integer[] order = new Integer[x.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
    double[] xs = x.clone();
    for (int i = 0; i < order.length; i++) {
      x[i] = xs[order[i]];
    }
    for (double[] row : values) {
      double[] copy = row.clone();
      for (int i = 0; i < order.length; i++) {
        row[i] = copy[order[i]];
      }
    }
  }
}
