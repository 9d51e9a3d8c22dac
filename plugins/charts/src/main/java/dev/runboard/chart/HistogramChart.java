package dev.runboard.chart;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import elemental.json.Json;
import elemental.json.JsonArray;
import elemental.json.JsonObject;
import java.util.List;

/**
 * Histograms over steps, drawn in the browser with d3 as TensorBoard draws them: {@link
 * Mode#OFFSET} (one ridge per step, the step axis on the right) or {@link Mode#OVERLAY} (every
 * step in one plane, older ones fainter). Several named series (runs) may share one chart. Hover
 * shows the step, the logged bucket's range and its count.
 */
@Tag("runboard-histogram-chart")
@NpmPackage(value = "d3", version = "7.9.2")
@JsModule("./runboard/histogram-chart.js")
public class HistogramChart extends Component implements HasSize {
  /** TensorBoard's two histogram modes. */
  public enum Mode {
    OFFSET, OVERLAY
  }

  /** One step's histogram, in TensorBoard's {@code HistogramProto} terms. */
  public record Step(long step, double wallTime, double min, double max, double[] bucketLimits, double[] buckets) {}

  public HistogramChart() {
    setWidthFull();
    setMode(Mode.OFFSET);
  }

  public void setMode(Mode mode) {
    getElement().callJsFunction("setMode", mode.name().toLowerCase(java.util.Locale.ROOT));
  }

  /** Adds the series, or replaces its histograms. */
  public void setSeries(String name, String color, List<Step> histograms) {
    JsonArray array = Json.createArray();
    for (int i = 0; i < histograms.size(); i++) {
      Step h = histograms.get(i);
      JsonObject o = Json.createObject();
      o.put("step", h.step());
      o.put("wall", h.wallTime());
      o.put("min", finite(h.min()));
      o.put("max", finite(h.max()));
      o.put("limits", ChartJson.of(h.bucketLimits()));
      o.put("counts", ChartJson.of(h.buckets()));
      array.set(i, o);
    }
    getElement().callJsFunction("setSeries", name, color, array);
  }

  public void removeSeries(String name) {
    getElement().callJsFunction("removeSeries", name);
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0;
  }
}
