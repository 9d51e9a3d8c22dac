package dev.runboard.plugin.hparams;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.dependency.JsModule;
import elemental.json.Json;
import elemental.json.JsonArray;
import java.util.List;

/**
 * A plot of sessions drawn in the browser ({@code hparams-plots.js}): it gets the sessions once
 * ({@link PlotData}) and then only which of them the filters keep and which metric colours them.
 */
@JsModule("./runboard/hparams-plots.js")
abstract class SessionPlot extends Component implements HasSize {
  void setData(String plotJson) {
    getElement().callJsFunction("setData", plotJson);
  }

  /** Which sessions (in the data's order) the filters keep; the others are drawn faint. */
  void setMask(List<Boolean> shown) {
    JsonArray array = Json.createArray();
    for (int i = 0; i < shown.size(); i++) {
      array.set(i, shown.get(i));
    }
    getElement().callJsFunction("setMask", array);
  }

  void setColor(String axisKey) {
    getElement().callJsFunction("setColor", axisKey);
  }
}
