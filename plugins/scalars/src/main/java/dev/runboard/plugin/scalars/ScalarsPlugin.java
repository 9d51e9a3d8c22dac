package dev.runboard.plugin.scalars;

import com.vaadin.flow.component.Component;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.DashboardPlugin;

/** The scalars dashboard: one chart per tag, one line per selected run, updated live. */
public final class ScalarsPlugin implements DashboardPlugin {
  @Override
  public String id() {
    return "scalars";
  }

  @Override
  public String title() {
    return "Scalars";
  }

  @Override
  public int order() {
    return 0;
  }

  @Override
  public Component createDashboard(DashboardContext context) {
    return new ScalarsDashboard(context.data(), context.runSelection(), context.viewState());
  }
}
