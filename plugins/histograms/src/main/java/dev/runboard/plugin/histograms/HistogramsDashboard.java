package dev.runboard.plugin.histograms;

import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import dev.runboard.chart.HistogramChart;
import dev.runboard.data.DataClass;
import dev.runboard.data.PluginNames;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.ViewState;
import dev.runboard.plugin.ui.TagCard;
import dev.runboard.plugin.ui.TagCardsDashboard;
import java.util.Locale;

/**
 * One card per histogram tag, each run's last {@link #STEPS} steps in TensorBoard's offset or
 * overlay view, runs side by side or overlaid in one chart. Both choices live in the URL
 * ({@code histograms.mode=offset|overlay}, {@code histograms.runs=side|overlaid}).
 */
final class HistogramsDashboard extends TagCardsDashboard {
  /** Steps shown per run: TensorBoard's histogram reservoir size. */
  static final int STEPS = 50;

  /** How several runs share a card. */
  enum RunLayout {
    SIDE, OVERLAID
  }

  private final RadioButtonGroup<HistogramChart.Mode> mode = new RadioButtonGroup<>();
  private final RadioButtonGroup<RunLayout> layout = new RadioButtonGroup<>();

  HistogramsDashboard(DashboardContext context) {
    super(context, "histograms", DataClass.TENSORS, PluginNames.HISTOGRAMS,
        "No histograms yet. Log them with add_histogram (PyTorch), tf.summary.histogram, or a "
            + "HistogramEvent (Runboard); they appear here as they are written.");
    mode.setId("histograms-mode");
    mode.setLabel("Mode");
    mode.setItems(HistogramChart.Mode.OFFSET, HistogramChart.Mode.OVERLAY);
    mode.setItemLabelGenerator(m -> m == HistogramChart.Mode.OFFSET ? "Offset" : "Overlay");
    mode.setValue(HistogramChart.Mode.OFFSET);
    mode.addValueChangeListener(e -> {
      if (e.isFromClient()) {
        viewState().push(key("mode"), e.getValue().name().toLowerCase(Locale.ROOT));
      }
      settingsChanged();
    });
    layout.setId("histograms-runs");
    layout.setLabel("Runs");
    layout.setItems(RunLayout.SIDE, RunLayout.OVERLAID);
    layout.setItemLabelGenerator(l -> l == RunLayout.SIDE ? "Side by side" : "Overlaid");
    layout.setValue(RunLayout.SIDE);
    layout.addValueChangeListener(e -> {
      if (e.isFromClient()) {
        viewState().push(key("runs"), e.getValue().name().toLowerCase(Locale.ROOT));
      }
      settingsChanged();
    });
    addToToolbar(mode, layout);
  }

  @Override
  protected void readViewState(ViewState state) {
    mode.setValue("overlay".equals(state.get(key("mode")).orElse(""))
        ? HistogramChart.Mode.OVERLAY : HistogramChart.Mode.OFFSET);
    layout.setValue("overlaid".equals(state.get(key("runs")).orElse("")) ? RunLayout.OVERLAID : RunLayout.SIDE);
  }

  @Override
  protected TagCard createCard(String tag) {
    return new HistogramCard(tag, data(), selection(), mode::getValue, layout::getValue);
  }
}
