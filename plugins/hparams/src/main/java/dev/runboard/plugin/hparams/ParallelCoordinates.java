package dev.runboard.plugin.hparams;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.dom.DomListenerRegistration;
import elemental.json.JsonArray;
import elemental.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Parallel coordinates of sessions, drawn on a canvas in the browser: one axis per hparam and
 * metric, one line per session coloured by a metric. Dragging along an axis brushes a range
 * ({@link Brush}); the server decides what it filters and hands the result back with {@link
 * #setMask}.
 */
@Tag("runboard-parallel-coordinates")
@JsModule("./runboard/hparams-plots.js")
public class ParallelCoordinates extends Component implements HasSize {
  /**
   * A brush on an axis ({@code h:<hparam>} or {@code m:<metric key>}): a numeric range, a set of
   * categories, or cleared.
   */
  public record Brush(String axis, boolean cleared, double from, double to, Set<String> values) {}

  public ParallelCoordinates() {
    setWidthFull();
  }

  void setData(String plotJson) {
    getElement().callJsFunction("setData", plotJson);
  }

  void setMask(List<Boolean> shown) {
    elemental.json.JsonArray array = elemental.json.Json.createArray();
    for (int i = 0; i < shown.size(); i++) {
      array.set(i, shown.get(i));
    }
    getElement().callJsFunction("setMask", array);
  }

  void setColor(String axisKey) {
    getElement().callJsFunction("setColor", axisKey);
  }

  /** Shows a range typed into the table as a brush (null clears it). */
  void setBrush(String axisKey, Double from, Double to) {
    if (from == null) {
      getElement().callJsFunction("setBrush", axisKey, null, null);
    } else {
      getElement().callJsFunction("setBrush", axisKey, from, to);
    }
  }

  DomListenerRegistration onBrush(Consumer<Brush> listener) {
    return getElement().addEventListener("brush", e -> {
      JsonObject detail = e.getEventData().getObject("event.detail");
      boolean cleared = detail.getBoolean("cleared");
      Set<String> values = null;
      if (detail.hasKey("values")) {
        JsonArray array = detail.getArray("values");
        values = new LinkedHashSet<>();
        for (int i = 0; i < array.length(); i++) {
          values.add(array.getString(i));
        }
      }
      listener.accept(new Brush(
          detail.getString("key"), cleared,
          detail.hasKey("from") ? detail.getNumber("from") : Double.NaN,
          detail.hasKey("to") ? detail.getNumber("to") : Double.NaN,
          values));
    }).addEventData("event.detail");
  }
}
