package dev.runboard.chart;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

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
    getElement().callJsFunction("setLine", name, color, ChartJson.of(steps), ChartJson.of(values));
  }

  /** Appends points to a line set earlier. */
  public void appendPoints(String name, long[] steps, double[] values) {
    getElement().callJsFunction("appendPoints", name, ChartJson.of(steps), ChartJson.of(values));
  }

  public void removeLine(String name) {
    getElement().callJsFunction("removeLine", name);
  }
}
