package dev.runboard.plugin.ui;

import com.vaadin.flow.component.html.Paragraph;

/**
 * A dashboard's (or a card's) loading, empty or error state, as one line of text. Its {@code
 * state} attribute says which ({@code loading}, {@code empty}, {@code error}), for styling and
 * tests; hidden when there is data to show.
 */
public final class StateMessage extends Paragraph {
  /** What the message says about the data. */
  public enum State {
    LOADING, EMPTY, ERROR
  }

  public StateMessage() {
    addClassName("runboard-state");
    getStyle().set("margin", "var(--lumo-space-s) 0").set("color", "var(--lumo-secondary-text-color)");
    setVisible(false);
  }

  public void loading(String text) {
    show(State.LOADING, text);
  }

  public void empty(String text) {
    show(State.EMPTY, text);
  }

  public void error(String text) {
    show(State.ERROR, text);
  }

  public void hide() {
    setVisible(false);
    getElement().removeAttribute("state");
  }

  private void show(State state, String text) {
    setText(text);
    getElement().setAttribute("state", state.name().toLowerCase(java.util.Locale.ROOT));
    getStyle().set("color",
        state == State.ERROR ? "var(--lumo-error-text-color)" : "var(--lumo-secondary-text-color)");
    setVisible(true);
  }
}
