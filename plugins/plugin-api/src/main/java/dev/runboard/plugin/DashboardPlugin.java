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
   * Whether the dashboard has anything to show for the selected runs (TensorBoard's {@code
   * is_active}): an inactive dashboard's tab is greyed out. By default, always active.
   */
  default boolean isActive(DashboardContext context) {
    return true;
  }

  /**
   * Builds the dashboard for one browser tab. The component should subscribe to live data when it
   * is attached and close its subscriptions when detached.
   */
  Component createDashboard(DashboardContext context);
}
