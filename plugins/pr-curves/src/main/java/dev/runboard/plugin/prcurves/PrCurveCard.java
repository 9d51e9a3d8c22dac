package dev.runboard.plugin.prcurves;

import dev.runboard.chart.PrCurveChart;
import dev.runboard.data.DataProvider;
import dev.runboard.data.PluginNames;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.StepQuery;
import dev.runboard.data.TensorSeries;
import dev.runboard.plugin.RunSelection;
import dev.runboard.plugin.ViewState;
import dev.runboard.plugin.ui.RunSteps;
import dev.runboard.plugin.ui.StepSlider;
import dev.runboard.plugin.ui.TagCard;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A PR-curve tag's card: one chart with every run's curve, each at the slider's step (or the
 * run's nearest step before it).
 */
final class PrCurveCard extends TagCard {
  private final DataProvider data;
  private final RunSelection selection;
  private final StepSlider slider = new StepSlider();
  private final PrCurveChart chart = new PrCurveChart();
  private final RunSteps<PrCurve> steps = new RunSteps<>(PrCurve::wallTime);
  private List<String> runs = List.of();

  PrCurveCard(String tag, DataProvider data, RunSelection selection) {
    super(tag);
    this.data = data;
    this.selection = selection;
    getStyle().set("flex", "1 1 420px").set("max-width", "100%");
    add(slider, chart);
    slider.addStepListener(step -> render());
  }

  void bindStepToUrl(ViewState state, String key) {
    slider.bindToUrl(state, key);
  }

  /** The URL's step changed (back, forward, a link). */
  void readStep() {
    slider.readUrl();
    render();
  }

  @Override
  public void showRuns(List<String> runs) {
    boolean first = this.runs.isEmpty();
    for (String run : this.runs) {
      if (!runs.contains(run)) {
        chart.removeCurve(run);
      }
    }
    steps.retain(runs);
    List<String> added = new ArrayList<>(runs);
    added.removeAll(this.runs);
    this.runs = List.copyOf(runs);
    added.forEach(this::read);
    steps.updateSlider(slider);
    if (first) {
      slider.readUrl();
    }
    render();
  }

  @Override
  public void refresh(String run) {
    read(run);
    steps.updateSlider(slider);
    render();
  }

  private void read(String run) {
    try {
      List<TensorSeries> read = data.readTensors(PluginNames.PR_CURVES, RunTagFilter.one(run, tag()), StepQuery.all());
      TreeMap<Long, PrCurve> byStep = new TreeMap<>();
      if (!read.isEmpty()) {
        read.get(0).data().forEach(d -> PrCurve.of(d).ifPresent(c -> byStep.put(c.step(), c)));
      }
      steps.put(run, byStep);
      message().hide();
    } catch (RuntimeException e) {
      message().error("Could not read run '" + run + "': " + e.getMessage());
    }
  }

  private void render() {
    long step = slider.selectedStep();
    for (String run : runs) {
      PrCurve curve = steps.at(run, step);
      if (curve == null) {
        chart.removeCurve(run);
      } else {
        chart.setCurve(run, selection.colorOf(run), curve.step(), curve.thresholds(), curve.precision(), curve.recall());
      }
    }
  }
}
