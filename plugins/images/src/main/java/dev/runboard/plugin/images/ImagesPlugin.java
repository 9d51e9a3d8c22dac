package dev.runboard.plugin.images;

import com.vaadin.flow.component.Component;
import dev.runboard.data.DataClass;
import dev.runboard.data.PluginNames;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.DashboardPlugin;
import dev.runboard.plugin.ui.TagCardsDashboard;

/** The images dashboard: per tag and run, one step's images at a time, chosen with a slider. */
public final class ImagesPlugin implements DashboardPlugin {
  @Override
  public String id() {
    return "images";
  }

  @Override
  public String title() {
    return "Images";
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  public boolean isActive(DashboardContext context) {
    return TagCardsDashboard.anySelectedRunHas(context, DataClass.BLOB_SEQUENCES, PluginNames.IMAGES);
  }

  @Override
  public Component createDashboard(DashboardContext context) {
    return new ImagesDashboard(context);
  }
}
