package dev.runboard.plugin.prcurves;

import com.vaadin.flow.component.Component;
import dev.runboard.data.DataClass;
import dev.runboard.data.PluginNames;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.DashboardPlugin;
import dev.runboard.plugin.ui.TagCardsDashboard;

/** The PR curves dashboard: precision against recall per tag, runs overlaid, a step at a time. */
public final class PrCurvesPlugin implements DashboardPlugin {
  @Override
  public String id() {
    return "pr-curves";
  }

  @Override
  public String title() {
    return "PR curves";
  }

  @Override
  public int order() {
    return 50;
  }

  @Override
  public boolean isActive(DashboardContext context) {
    return TagCardsDashboard.anySelectedRunHas(context, DataClass.TENSORS, PluginNames.PR_CURVES);
  }

  @Override
  public Component createDashboard(DashboardContext context) {
    return new PrCurvesDashboard(context);
  }
}
