package dev.runboard.frontend;

import dev.runboard.plugin.DashboardPlugin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/** The dashboard plugins on the class path, in tab order. */
public final class PluginCatalog {
  private final List<DashboardPlugin> plugins;

  public PluginCatalog(List<DashboardPlugin> plugins) {
    List<DashboardPlugin> sorted = new ArrayList<>(plugins);
    sorted.sort(Comparator.comparingInt(DashboardPlugin::order).thenComparing(DashboardPlugin::title));
    Set<String> ids = new HashSet<>();
    for (DashboardPlugin plugin : sorted) {
      if (!plugin.id().matches("[a-z0-9][a-z0-9-]*")) {
        throw new IllegalArgumentException(
            "plugin " + plugin.getClass().getName() + " has an id that is not URL-safe: " + plugin.id());
      }
      if (!ids.add(plugin.id())) {
        throw new IllegalArgumentException("two plugins share the id " + plugin.id());
      }
    }
    this.plugins = List.copyOf(sorted);
  }

  /** Finds plugins listed in {@code META-INF/services/dev.runboard.plugin.DashboardPlugin}. */
  public static PluginCatalog discover(ClassLoader classLoader) {
    List<DashboardPlugin> found = new ArrayList<>();
    ServiceLoader.load(DashboardPlugin.class, classLoader).forEach(found::add);
    return new PluginCatalog(found);
  }

  public List<DashboardPlugin> plugins() {
    return plugins;
  }

  public Optional<DashboardPlugin> byId(String id) {
    return plugins.stream().filter(p -> p.id().equals(id)).findFirst();
  }
}
