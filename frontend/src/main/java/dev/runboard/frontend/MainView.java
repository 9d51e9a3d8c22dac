package dev.runboard.frontend;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.runboard.data.DataProvider;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.DashboardPlugin;
import dev.runboard.plugin.RunSelection;
import dev.runboard.plugin.ViewState;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard page: run selector in the drawer, one tab per plugin, the chosen plugin's
 * dashboard as content. {@code /} shows the first plugin, {@code /<plugin id>} a given one.
 */
@Route(":plugin?")
@PageTitle("Runboard")
public class MainView extends AppLayout implements BeforeEnterObserver {
  private final PluginCatalog catalog;
  private final DashboardContext context;
  private final Tabs tabs = new Tabs();
  private final Map<Tab, DashboardPlugin> pluginsByTab = new HashMap<>();
  private final Map<String, Tab> tabsById = new HashMap<>();
  private final Map<String, Component> dashboards = new HashMap<>();
  private final UrlViewState viewState = new UrlViewState();

  public MainView(DataProvider data, PluginCatalog catalog, UiRefreshTimer timer) {
    this.catalog = catalog;
    RunSelection selection = new RunSelection();
    this.context = new ViewContext(data, selection, viewState);

    H1 title = new H1("Runboard");
    title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0 var(--lumo-space-m)");
    for (DashboardPlugin plugin : catalog.plugins()) {
      Tab tab = new Tab(plugin.title());
      tab.setId("tab-" + plugin.id());
      pluginsByTab.put(tab, plugin);
      tabsById.put(plugin.id(), tab);
      tabs.add(tab);
    }
    tabs.addSelectedChangeListener(
        e -> {
          if (e.isFromClient() && e.getSelectedTab() != null) {
            getUI().ifPresent(ui -> ui.navigate("/" + pluginsByTab.get(e.getSelectedTab()).id()));
          }
        });
    Map<DashboardPlugin, Tab> tabsByPlugin = new LinkedHashMap<>();
    pluginsByTab.forEach((tab, plugin) -> tabsByPlugin.put(plugin, tab));
    new TabActivity(context, tabsByPlugin).follow(this);
    addToNavbar(new DrawerToggle(), title, tabs, new StatusIndicator(data, timer));
    addToDrawer(new RunSelector(data, selection));
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    viewState.navigated(event.getLocation());
    String id =
        event.getRouteParameters().get("plugin")
            .orElse(catalog.plugins().isEmpty() ? "" : catalog.plugins().get(0).id());
    catalog
        .byId(id)
        .ifPresentOrElse(
            plugin -> {
              tabs.setSelectedTab(tabsById.get(plugin.id()));
              setContent(dashboards.computeIfAbsent(plugin.id(), k -> plugin.createDashboard(context)));
            },
            () -> {
              tabs.setSelectedTab(null);
              setContent(
                  new Paragraph(
                      catalog.plugins().isEmpty()
                          ? "No dashboard plugins are installed."
                          : "There is no dashboard called \"" + id + "\"."));
            });
  }

  private record ViewContext(DataProvider data, RunSelection runSelection, ViewState viewState)
      implements DashboardContext {}
}
