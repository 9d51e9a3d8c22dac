package dev.runboard.plugin;

/** What a dashboard gets from the application it is shown in. */
public interface DashboardContext {
  RunDataSource data();

  /** The run selection of the browser tab the dashboard lives in. */
  RunSelection runSelection();
}
