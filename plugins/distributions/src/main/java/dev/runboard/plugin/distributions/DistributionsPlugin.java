package dev.runboard.plugin.distributions;

import com.vaadin.flow.component.Component;
import dev.runboard.data.DataClass;
import dev.runboard.data.PluginNames;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.DashboardPlugin;
import dev.runboard.plugin.ui.TagCardsDashboard;

/** The distributions dashboard: every histogram tag as percentile bands over steps. */
public final class DistributionsPlugin implements DashboardPlugin {
  @Override
  public String id() {
    return "distributions";
  }

  @Override
  public String title() {
    return "Distributions";
  }

  @Override
  public int order() {
    return 40;
  }

  @Override
  public boolean isActive(DashboardContext context) {
    return TagCardsDashboard.anySelectedRunHas(context, DataClass.TENSORS, PluginNames.HISTOGRAMS);
  }

  @Override
  public Component createDashboard(DashboardContext context) {
    return new DistributionsDashboard(context);
  }
}
