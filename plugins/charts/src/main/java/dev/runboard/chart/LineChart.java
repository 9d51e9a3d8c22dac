package dev.runboard.chart;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import elemental.json.Json;
import elemental.json.JsonArray;

/**
 * A line chart with named lines over a step axis, drawn in the browser by uPlot. Lines are sent
 * whole once and then grow by appended points, so a live update costs only the new points.
 */
@Tag("runboard-line-chart")
@NpmPackage(value = "uplot", version = "1.6.32")
@JsModule("./runboard/line-chart.js")
public class LineChart extends Component implements HasSize {

  public LineChart(String title) {
    getElement().setProperty("chartTitle", title);
    getElement().setAttribute("chart-title", title);
    setWidthFull();
  }

  public String getTitle() {
    return getElement().getProperty("chartTitle", "");
  }

  /** Adds the line, or replaces all its points. */
  public void setLine(String name, String color, long[] steps, double[] values) {
    getElement().callJsFunction("setLine", name, color, toJson(steps), toJson(values));
  }

  /** Appends points to a line set earlier. */
  public void appendPoints(String name, long[] steps, double[] values) {
    getElement().callJsFunction("appendPoints", name, toJson(steps), toJson(values));
  }

  public void removeLine(String name) {
    getElement().callJsFunction("removeLine", name);
  }

  private static JsonArray toJson(long[] values) {
    JsonArray array = Json.createArray();
    for (int i = 0; i < values.length; i++) {
      array.set(i, values[i]);
    }
    return array;
  }

  /** NaN and infinities have no JSON form: they become gaps in the line. */
  private static JsonArray toJson(double[] values) {
    JsonArray array = Json.createArray();
    for (int i = 0; i < values.length; i++) {
      if (Double.isFinite(values[i])) {
        array.set(i, values[i]);
      } else {
        array.set(i, Json.createNull());
      }
    }
    return array;
  }
}
