package dev.runboard.plugin;

import com.vaadin.flow.component.Component;

/**
 * A dashboard (scalars, histograms, graphs, ...). Plugins are found with {@link
 * java.util.ServiceLoader}: a plugin jar lists its implementation in {@code
 * META-INF/services/dev.runboard.plugin.DashboardPlugin}.
 */
public interface DashboardPlugin {
  /** URL-safe identifier, e.g. {@code scalars}; the dashboard lives at {@code /<id>}. */
  String id();

  /** Tab title, e.g. {@code Scalars}. */
  String title();

  /** Tabs are ordered by this, then by title. */
  default int order() {
    return 100;
  }

  /**
   * Builds the dashboard for one browser tab. The component should subscribe to live data when it
   * is attached and close its subscriptions when detached.
   */
  Component createDashboard(DashboardContext context);
}
