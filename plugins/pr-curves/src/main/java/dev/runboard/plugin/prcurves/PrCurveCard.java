package dev.runboard.plugin.prcurves;

import dev.runboard.chart.PrCurveChart;
import dev.runboard.data.DataProvider;
import dev.runboard.data.PluginNames;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.StepQuery;
import dev.runboard.data.TensorSeries;
import dev.runboard.plugin.RunSelection;
import dev.runboard.plugin.ui.SteppedTagCard;
import java.util.List;
import java.util.TreeMap;

/**
 * A PR-curve tag's card: one chart with every run's curve, each at the slider's step (or the
 * run's nearest step before it).
 */
final class PrCurveCard extends SteppedTagCard<PrCurve> {
  private final DataProvider data;
  private final RunSelection selection;
  private final PrCurveChart chart = new PrCurveChart();

  PrCurveCard(String tag, DataProvider data, RunSelection selection) {
    super(tag, PrCurve::wallTime);
    this.data = data;
    this.selection = selection;
    getStyle().set("flex", "1 1 420px").set("max-width", "100%");
    add(chart);
  }

  @Override
  protected TreeMap<Long, PrCurve> read(String run) {
    List<TensorSeries> read = data.readTensors(PluginNames.PR_CURVES, RunTagFilter.one(run, tag()), StepQuery.all());
    TreeMap<Long, PrCurve> byStep = new TreeMap<>();
    if (!read.isEmpty()) {
      read.get(0).data().forEach(d -> PrCurve.of(d).ifPresent(c -> byStep.put(c.step(), c)));
    }
    return byStep;
  }

  @Override
  protected void runsChanged(List<String> runs, List<String> removed) {
    removed.forEach(chart::removeCurve);
  }

  @Override
  protected void render() {
    for (String run : runs()) {
      PrCurve curve = entry(run);
      if (curve == null) {
        chart.removeCurve(run);
      } else {
        chart.setCurve(run, selection.colorOf(run), curve.step(), curve.thresholds(), curve.precision(), curve.recall());
      }
    }
  }
}
