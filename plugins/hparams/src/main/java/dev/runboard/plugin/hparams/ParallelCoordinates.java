package dev.runboard.plugin.hparams;

import com.vaadin.flow.component.Tag;
import com.vaadin.flow.dom.DomListenerRegistration;
import elemental.json.JsonArray;
import elemental.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Parallel coordinates of sessions, drawn on a canvas in the browser: one axis per hparam and
 * metric, one line per session coloured by a metric. Dragging along an axis brushes a range
 * ({@link Brush}); the server decides what it filters and hands the result back with {@link
 * #setMask}.
 */
@Tag("runboard-parallel-coordinates")
public class ParallelCoordinates extends SessionPlot {
  /**
   * A brush on an axis ({@code h:<hparam>} or {@code m:<metric key>}): a numeric range, a set of
   * categories, or cleared.
   */
  public record Brush(String axis, boolean cleared, double from, double to, Set<String> values) {}

  public ParallelCoordinates() {
    setWidthFull();
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
