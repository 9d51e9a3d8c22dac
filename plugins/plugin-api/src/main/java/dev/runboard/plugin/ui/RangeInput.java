package dev.runboard.plugin.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasEnabled;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.shared.Registration;
import java.util.function.IntConsumer;

/**
 * The browser's own {@code <input type="range">} over integer positions: Vaadin's free components
 * have no slider. Keyboard (arrow keys, Home, End) and pointer work as in any page.
 */
@Tag("input")
public final class RangeInput extends Component implements HasSize, HasEnabled {
  private int value;

  public RangeInput(int min, int max, int value) {
    getElement().setAttribute("type", "range");
    getElement().setAttribute("step", "1");
    setRange(min, max);
    setValue(value);
  }

  public void setRange(int min, int max) {
    getElement().setAttribute("min", Integer.toString(min));
    getElement().setAttribute("max", Integer.toString(Math.max(min, max)));
  }

  public int getValue() {
    return value;
  }

  public void setValue(int value) {
    this.value = value;
    getElement().setAttribute("value", Integer.toString(value));
    getElement().setProperty("value", Integer.toString(value));
  }

  /** Tells the listener each value the user moves to (debounced while dragging). */
  public Registration addUserInputListener(IntConsumer listener) {
    return getElement()
        .addEventListener("input", e -> {
          int v = (int) e.getEventData().getNumber("element.valueAsNumber");
          value = v;
          listener.accept(v);
        })
        .addEventData("element.valueAsNumber")
        .debounce(120);
  }
}
