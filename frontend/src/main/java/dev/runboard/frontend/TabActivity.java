package dev.runboard.frontend;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.tabs.Tab;
import dev.runboard.data.DataClass;
import dev.runboard.data.DataUpdate;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.Subscription;
import dev.runboard.data.UpdateFilter;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.DashboardPlugin;
import dev.runboard.plugin.UiUpdateQueue;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Greys out the tab of a dashboard that has nothing to show for the selected runs ({@link
 * DashboardPlugin#isActive}), as TensorBoard sets inactive plugins apart. The tab stays usable: its
 * dashboard explains what to log. Re-checked when the selection changes and when a run or a series
 * appears or goes, while the page is open.
 */
final class TabActivity {
  private final DashboardContext context;
  private final Map<DashboardPlugin, Tab> tabs;
  private Subscription selection;
  private Subscription data;

  TabActivity(DashboardContext context, Map<DashboardPlugin, Tab> tabs) {
    this.context = context;
    this.tabs = tabs;
  }

  /** Follows the page's lifecycle: listens while {@code page} is attached. */
  void follow(Component page) {
    page.addAttachListener(e -> {
      UiUpdateQueue<DataUpdate> updates = new UiUpdateQueue<>(e.getUI(), batch -> update());
      selection = context.runSelection().onChange(runs -> update());
      data = context.data().subscribe(
          new UpdateFilter(RunTagFilter.all(), EnumSet.allOf(DataClass.class)),
          u -> {
            // Only a new series, or a run appearing, going or being read again, can change activity.
            if (!(u instanceof DataUpdate.SeriesAdvanced s) || s.previousVersion() < 0) {
              updates.add(u);
            }
          });
      update();
    });
    page.addDetachListener(e -> {
      for (Subscription s : List.of(selection, data)) {
        s.close();
      }
    });
  }

  private void update() {
    tabs.forEach((plugin, tab) -> {
      boolean active = plugin.isActive(context);
      tab.getElement().setAttribute("inactive", Boolean.toString(!active));
      tab.getStyle().set("opacity", active ? null : "0.5");
      tab.getElement().setAttribute("title", active ? "" : plugin.title() + ": nothing to show for the selected runs");
    });
  }
}
