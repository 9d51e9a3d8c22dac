package dev.runboard.data.routes;

import java.util.List;

/**
 * A plugin's HTTP data routes, as TensorBoard's {@code base_plugin.get_plugin_apps}: the service
 * mounts them under {@code /api/v1/} without knowing the plugin. Found with {@link
 * java.util.ServiceLoader}: a plugin jar lists its implementation in {@code
 * META-INF/services/dev.runboard.data.routes.PluginRoutes}. No web framework is involved: a route
 * is a function from a {@link RouteRequest} to a {@link RouteResponse}.
 */
public interface PluginRoutes {
  /** The plugin whose data the routes serve, e.g. {@code histograms}. */
  String pluginName();

  /** The routes; their paths must be unique across every plugin and the service's own API. */
  List<Route> routes();
}
