package dev.runboard.plugin.histograms;

import com.vaadin.flow.component.Component;
import dev.runboard.data.DataClass;
import dev.runboard.data.PluginNames;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.DashboardPlugin;
import dev.runboard.plugin.ui.TagCardsDashboard;

/** The histograms dashboard: TensorBoard's offset and overlay views of every histogram tag. */
public final class HistogramsPlugin implements DashboardPlugin {
  @Override
  public String id() {
    return "histograms";
  }

  @Override
  public String title() {
    return "Histograms";
  }

  @Override
  public int order() {
    return 30;
  }

  @Override
  public boolean isActive(DashboardContext context) {
    return TagCardsDashboard.anySelectedRunHas(context, DataClass.TENSORS, PluginNames.HISTOGRAMS);
  }

  @Override
  public Component createDashboard(DashboardContext context) {
    return new HistogramsDashboard(context);
  }
}
