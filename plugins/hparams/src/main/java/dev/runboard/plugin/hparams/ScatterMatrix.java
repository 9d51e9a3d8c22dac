package dev.runboard.plugin.hparams;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import java.util.List;

/** A scatter-plot matrix of sessions: hparams across, metrics down, drawn on a canvas. */
@Tag("runboard-scatter-matrix")
@JsModule("./runboard/hparams-plots.js")
public class ScatterMatrix extends Component implements HasSize {
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
}
