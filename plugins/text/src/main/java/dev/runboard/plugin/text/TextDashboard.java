package dev.runboard.plugin.text;

import com.vaadin.flow.component.checkbox.Checkbox;
import dev.runboard.data.DataClass;
import dev.runboard.data.PluginNames;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.ViewState;
import dev.runboard.plugin.ui.TagCard;
import dev.runboard.plugin.ui.TagCardsDashboard;

/**
 * One card per text tag with a step slider; the markdown rendered (sanitised) or raw. The raw
 * toggle and every slider moved off the latest step live in the URL ({@code text.raw}, {@code
 * text.step.<tag>}).
 */
final class TextDashboard extends TagCardsDashboard {
  private final Checkbox raw = new Checkbox("Show raw markdown");

  TextDashboard(DashboardContext context) {
    super(context, "text", DataClass.BLOB_SEQUENCES, PluginNames.TEXT,
        "No text yet. Log it with add_text (PyTorch), tf.summary.text, or a TextEvent (Runboard); "
            + "markdown is rendered, tables included.");
    raw.setId("text-raw");
    raw.addValueChangeListener(e -> {
      if (e.isFromClient()) {
        viewState().push(key("raw"), e.getValue() ? "1" : null);
      }
      settingsChanged();
    });
    addToToolbar(raw);
  }

  @Override
  protected void readViewState(ViewState state) {
    raw.setValue(state.get(key("raw")).isPresent());
    forEachCard(card -> ((TextCard) card).readStep());
  }

  @Override
  protected TagCard createCard(String tag) {
    TextCard card = new TextCard(tag, data(), selection(), raw::getValue);
    card.bindStepToUrl(viewState(), key("step." + tag));
    return card;
  }
}
