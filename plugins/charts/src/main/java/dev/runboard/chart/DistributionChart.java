package dev.runboard.chart;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import elemental.json.Json;
import elemental.json.JsonArray;

/**
 * TensorBoard's distributions chart of one run and tag, drawn by uPlot: per x, the values at the
 * nine basis points as lines, the bands between symmetric pairs shaded (nested, darker towards the
 * median). The legend shows the values at the hovered x.
 */
@Tag("runboard-distribution-chart")
@NpmPackage(value = "uplot", version = "1.6.32")
@JsModule("./runboard/distribution-chart.js")
public class DistributionChart extends Component implements HasSize {
  /** What x is. */
  public enum Axis {
    /** The step. */
    STEP,
    /** Seconds since the run's first event. */
    RELATIVE,
    /** Seconds since the Unix epoch, shown as dates and times. */
    WALL
  }

  public DistributionChart() {
    setWidthFull();
  }

  /**
   * @param values nine arrays (one per basis point, lowest first), each as long as {@code x}
   */
  public void setData(String color, Axis axis, double[] x, double[][] values) {
    JsonArray rows = Json.createArray();
    for (int i = 0; i < values.length; i++) {
      rows.set(i, ChartJson.of(values[i]));
    }
    getElement().callJsFunction(
        "setData", color, axis.name().toLowerCase(java.util.Locale.ROOT), ChartJson.of(x), rows);
  }
}
