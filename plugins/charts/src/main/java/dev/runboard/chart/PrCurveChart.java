package dev.runboard.chart;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

/**
 * Precision against recall, one curve per named series (run), overlaid, drawn with d3. Hover
 * shows the nearest point's threshold, precision and recall.
 */
@Tag("runboard-pr-curve-chart")
@NpmPackage(value = "d3", version = "7.9.2")
@JsModule("./runboard/pr-curve-chart.js")
public class PrCurveChart extends Component implements HasSize {
  public PrCurveChart() {
    setWidthFull();
  }

  /** Adds the curve, or replaces it: one point per threshold. */
  public void setCurve(String name, String color, long step, double[] thresholds, double[] precision, double[] recall) {
    // callJsFunction takes no long: a step is exact as a double up to 2^53.
    getElement().callJsFunction("setCurve", name, color, (double) step, ChartJson.of(thresholds),
        ChartJson.of(precision), ChartJson.of(recall));
  }

  public void removeCurve(String name) {
    getElement().callJsFunction("removeCurve", name);
  }
}
