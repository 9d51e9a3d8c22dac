package dev.runboard.plugins;

import dev.runboard.data.routes.PluginRoutes;
import dev.runboard.data.routes.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The data routes of every plugin on the class path, checked for clashes. */
public final class PluginRouteCatalog {
  /** A route with the plugin it belongs to. */
  public record Entry(String pluginName, Route route) {}

  private final List<Entry> entries;

  public PluginRouteCatalog(List<PluginRoutes> plugins) {
    List<Entry> all = new ArrayList<>();
    Map<String, String> owners = new HashMap<>();
    for (PluginRoutes plugin : plugins) {
      for (Route route : plugin.routes()) {
        String owner = owners.putIfAbsent(route.path(), plugin.pluginName());
        if (owner != null) {
          throw new IllegalStateException(
              "plugins " + owner + " and " + plugin.pluginName() + " both serve /api/v1/" + route.path());
        }
        all.add(new Entry(plugin.pluginName(), route));
      }
    }
    this.entries = List.copyOf(all);
  }

  /** Finds plugins listed in {@code META-INF/services/dev.runboard.data.routes.PluginRoutes}. */
  public static PluginRouteCatalog discover(ClassLoader classLoader) {
    List<PluginRoutes> found = new ArrayList<>();
    ServiceLoader.load(PluginRoutes.class, classLoader).forEach(found::add);
    return new PluginRouteCatalog(found);
  }

  public List<Entry> entries() {
    return entries;
  }
}
