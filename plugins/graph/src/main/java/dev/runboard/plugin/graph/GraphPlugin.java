package dev.runboard.plugin.graph;

import com.vaadin.flow.component.Component;
import dev.runboard.data.DataClass;
import dev.runboard.data.PluginNames;
import dev.runboard.data.RunTagFilter;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.DashboardPlugin;
import java.util.Set;

/** The graphs dashboard: a run's model graph, as TensorBoard's graph dashboard. */
public final class GraphPlugin implements DashboardPlugin {
  @Override
  public String id() {
    return PluginNames.GRAPHS;
  }

  @Override
  public String title() {
    return "Graphs";
  }

  @Override
  public int order() {
    return 40;
  }

  @Override
  public boolean isActive(DashboardContext context) {
    return !context.data().listSeries(
        DataClass.BLOB_SEQUENCES, PluginNames.GRAPHS,
        RunTagFilter.of(null, Set.of(PluginNames.RUN_GRAPH_TAG))).isEmpty();
  }

  @Override
  public Component createDashboard(DashboardContext context) {
    return new GraphDashboard(context);
  }
}
