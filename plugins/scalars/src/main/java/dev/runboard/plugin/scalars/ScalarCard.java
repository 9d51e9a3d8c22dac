package dev.runboard.plugin.scalars;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import elemental.json.Json;
import elemental.json.JsonArray;
import elemental.json.JsonObject;
import java.util.Map;

/**
 * One tag's chart, {@code <runboard-scalar-card>}: the browser side reads its lines from the scalar
 * API itself (M4 at its pixel width, the zoomed range, the live tail), so the server only says
 * which runs, in which colours, drawn how, and when a run advanced.
 */
@Tag("runboard-scalar-card")
@JsModule("./runboard/scalar-card.js")
final class ScalarCard extends Component implements HasSize {
  ScalarCard(String tag) {
    getElement().setProperty("tag", tag);
    getElement().setAttribute("tag", tag);
    setWidthFull();
  }

  String tag() {
    return getElement().getProperty("tag", "");
  }

  /** The runs to draw, in order, with their colours. */
  void setRuns(Map<String, String> colors) {
    JsonArray runs = Json.createArray();
    colors.forEach((run, color) -> {
      JsonObject r = Json.createObject();
      r.put("name", run);
      r.put("color", color);
      runs.set(runs.length(), r);
    });
    getElement().setPropertyJson("runs", runs);
  }

  void setSettings(JsonObject settings) {
    getElement().setPropertyJson("settings", settings);
  }

  /** A run's series grew: the card reads the last column(s) again. */
  void advanced(String run, long maxStep, double lastWallTime) {
    getElement().callJsFunction("advanced", run, (double) maxStep, lastWallTime);
  }

  /** Downloads the card's data: csv, json or png. */
  void download(String format) {
    getElement().callJsFunction("download", format);
  }

  void reload() {
    getElement().callJsFunction("reload");
  }
}
