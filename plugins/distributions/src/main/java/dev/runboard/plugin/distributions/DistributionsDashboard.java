package dev.runboard.plugin.distributions;

import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import dev.runboard.chart.DistributionChart;
import dev.runboard.data.DataClass;
import dev.runboard.data.PluginNames;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.ViewState;
import dev.runboard.plugin.ui.TagCard;
import dev.runboard.plugin.ui.TagCardsDashboard;
import java.util.Locale;

/**
 * One card per histogram tag, a distribution chart per run over up to {@link #STEPS} steps, with
 * the x-axis (step, relative or wall time) in the URL ({@code distributions.x}).
 */
final class DistributionsDashboard extends TagCardsDashboard {
  /** Steps shown per run: TensorBoard's reservoir size for distributions. */
  static final int STEPS = 500;

  private final RadioButtonGroup<DistributionChart.Axis> axis = new RadioButtonGroup<>();

  DistributionsDashboard(DashboardContext context) {
    super(context, "distributions", DataClass.TENSORS, PluginNames.HISTOGRAMS,
        "No histograms yet, so no distributions. Log histograms with add_histogram (PyTorch), "
            + "tf.summary.histogram, or a HistogramEvent (Runboard).");
    axis.setId("distributions-x");
    axis.setLabel("Horizontal axis");
    axis.setItems(DistributionChart.Axis.values());
    axis.setItemLabelGenerator(a -> switch (a) {
      case STEP -> "Step";
      case RELATIVE -> "Relative";
      case WALL -> "Wall";
    });
    axis.setValue(DistributionChart.Axis.STEP);
    axis.addValueChangeListener(e -> {
      if (e.isFromClient()) {
        viewState().push(key("x"), e.getValue().name().toLowerCase(Locale.ROOT));
      }
      settingsChanged();
    });
    addToToolbar(axis);
  }

  @Override
  protected void readViewState(ViewState state) {
    String x = state.get(key("x")).orElse("step").toUpperCase(Locale.ROOT);
    DistributionChart.Axis value = DistributionChart.Axis.STEP;
    for (DistributionChart.Axis a : DistributionChart.Axis.values()) {
      if (a.name().equals(x)) {
        value = a;
      }
    }
    axis.setValue(value);
  }

  @Override
  protected TagCard createCard(String tag) {
    return new DistributionCard(tag, data(), selection(), axis::getValue);
  }
}
