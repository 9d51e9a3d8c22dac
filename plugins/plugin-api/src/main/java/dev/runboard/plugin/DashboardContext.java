package dev.runboard.plugin;

import dev.runboard.data.DataProvider;

/** What a dashboard gets from the application it is shown in. */
public interface DashboardContext {
  /** Everything the logdir holds, and live updates of it. */
  DataProvider data();

  /** The run selection of the browser tab the dashboard lives in. */
  RunSelection runSelection();

  /** The tab's URL state: what a reload or a shared link must restore. */
  ViewState viewState();
}
