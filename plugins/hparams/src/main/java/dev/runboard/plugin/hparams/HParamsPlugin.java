package dev.runboard.plugin.hparams;

import com.vaadin.flow.component.Component;
import dev.runboard.data.RunInfo;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.DashboardPlugin;

/** The hparams dashboard: compare sessions by their hyperparameters and metrics. */
public final class HParamsPlugin implements DashboardPlugin {
  @Override
  public String id() {
    return "hparams";
  }

  @Override
  public String title() {
    return "HParams";
  }

  @Override
  public int order() {
    return 50;
  }

  @Override
  public boolean isActive(DashboardContext context) {
    for (RunInfo run : context.data().listRuns()) {
      if (!run.hparams().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Component createDashboard(DashboardContext context) {
    return new HParamsDashboard(context);
  }
}
