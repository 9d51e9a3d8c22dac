package dev.runboard.plugin.text;

import com.vaadin.flow.component.Component;
import dev.runboard.data.DataClass;
import dev.runboard.data.PluginNames;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.DashboardPlugin;
import dev.runboard.plugin.ui.TagCardsDashboard;

/** The text dashboard: logged markdown per tag, one step at a time, rendered safely. */
public final class TextPlugin implements DashboardPlugin {
  @Override
  public String id() {
    return "text";
  }

  @Override
  public String title() {
    return "Text";
  }

  @Override
  public int order() {
    return 60;
  }

  @Override
  public boolean isActive(DashboardContext context) {
    return TagCardsDashboard.anySelectedRunHas(context, DataClass.BLOB_SEQUENCES, PluginNames.TEXT);
  }

  @Override
  public Component createDashboard(DashboardContext context) {
    return new TextDashboard(context);
  }
}
