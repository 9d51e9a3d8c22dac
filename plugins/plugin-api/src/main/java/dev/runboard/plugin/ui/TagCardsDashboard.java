package dev.runboard.plugin.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.runboard.data.DataClass;
import dev.runboard.data.DataProvider;
import dev.runboard.data.DataStatus;
import dev.runboard.data.DataUpdate;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.SeriesInfo;
import dev.runboard.data.Subscription;
import dev.runboard.data.UpdateFilter;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.RunSelection;
import dev.runboard.plugin.UiUpdateQueue;
import dev.runboard.plugin.ViewState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A dashboard of one card per tag, for one plugin's series (as TensorBoard's histogram, image,
 * text and PR-curve dashboards): a toolbar with the tag filter and the plugin's own controls, the
 * dashboard's loading and empty states, and the cards. It follows the run selection, listens to
 * exactly the selected runs while attached, and hands each card the runs that have its tag and
 * every advance of one of them. The tag filter lives in the URL ({@code <id>.tags}).
 */
public abstract class TagCardsDashboard extends VerticalLayout {
  private final DashboardContext context;
  private final String id;
  private final DataClass dataClass;
  private final String pluginName;
  private final String emptyText;
  private final HorizontalLayout toolbar = new HorizontalLayout();
  private final TagFilter filter = new TagFilter();
  private final StateMessage message = new StateMessage();
  private final FlexLayout cards = new FlexLayout();
  /** Cards by tag, in tag order. */
  private final Map<String, TagCard> cardsByTag = new TreeMap<>();
  /** Per shown tag, the runs it was last given. */
  private final Map<String, List<String>> runsByTag = new TreeMap<>();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private Subscription dataSubscription;
  private UiUpdateQueue<DataUpdate> updates;

  /**
   * @param id the plugin's id: the prefix of its URL keys
   * @param pluginName the data plugin whose series the cards show
   * @param emptyText what the empty state says (what to log to see something here)
   */
  protected TagCardsDashboard(
      DashboardContext context, String id, DataClass dataClass, String pluginName, String emptyText) {
    this.context = context;
    this.id = id;
    this.dataClass = dataClass;
    this.pluginName = pluginName;
    this.emptyText = emptyText;
    setSizeFull();
    setPadding(true);
    addClassName("runboard-" + id + "-dashboard");
    filter.setId(id + "-tag-filter");
    toolbar.setWidthFull();
    toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
    toolbar.getStyle().set("flex-wrap", "wrap");
    toolbar.add(filter);
    cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    cards.setWidthFull();
    cards.getStyle().set("gap", "var(--lumo-space-m)");
    cards.setAlignItems(FlexComponent.Alignment.START);
    cards.addClassName("runboard-cards");
    message.setId(id + "-state");
    add(toolbar, message, cards);
    filter.addValueChangeListener(e -> {
      if (e.isFromClient()) {
        viewState().set(key("tags"), e.getValue().isEmpty() ? null : e.getValue());
      }
      refreshAll();
    });
  }

  /**
   * Whether any selected run has a series of this data class and plugin: what {@link
   * dev.runboard.plugin.DashboardPlugin#isActive} of such a dashboard answers.
   */
  public static boolean anySelectedRunHas(DashboardContext context, DataClass dataClass, String pluginName) {
    return !context.data()
        .listSeries(dataClass, pluginName, RunTagFilter.of(context.runSelection().selected(), null))
        .isEmpty();
  }

  /** Builds the card of a tag. */
  protected abstract TagCard createCard(String tag);

  /** The URL state changed under the dashboard (back, forward, a link): re-read the plugin's keys. */
  protected void readViewState(ViewState state) {}

  /** Adds the plugin's own controls to the toolbar, after the tag filter. */
  protected final void addToToolbar(Component... components) {
    toolbar.add(components);
  }

  protected final DataProvider data() {
    return context.data();
  }

  protected final RunSelection selection() {
    return context.runSelection();
  }

  protected final ViewState viewState() {
    return context.viewState();
  }

  /** A URL key of this dashboard: {@code <id>.<name>}. */
  protected final String key(String name) {
    return id + "." + name;
  }

  /** Tells every card that a display setting changed. */
  protected final void settingsChanged() {
    cardsByTag.values().forEach(TagCard::settingsChanged);
  }

  protected final void forEachCard(Consumer<TagCard> action) {
    cardsByTag.values().forEach(action);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    updates = new UiUpdateQueue<>(event.getUI(), this::apply);
    subscriptions.add(selection().onChange(runs -> refreshAll()));
    subscriptions.add(viewState().onChange(state -> {
      filter.setValue(state.get(key("tags")).orElse(""));
      readViewState(state);
      refreshAll();
    }));
    filter.setValue(viewState().get(key("tags")).orElse(""));
    readViewState(viewState());
    // The browser lost the cards' client-side state if we were detached: start over.
    cards.removeAll();
    cardsByTag.clear();
    runsByTag.clear();
    refreshAll();
  }

  @Override
  protected void onDetach(DetachEvent event) {
    subscriptions.forEach(Subscription::close);
    subscriptions.clear();
    if (dataSubscription != null) {
      dataSubscription.close();
      dataSubscription = null;
    }
  }

  /**
   * Makes the cards match the selected runs and the tag filter: cards for new tags, none for tags
   * gone, each card told its runs. Listens to exactly the selected runs.
   */
  protected final void refreshAll() {
    if (updates == null) {
      return; // not attached yet: onAttach refreshes
    }
    Set<String> runs = selection().selected();
    if (dataSubscription != null) {
      dataSubscription.close();
    }
    // Subscribe before reading: what advances meanwhile is read again, never missed.
    dataSubscription = data().subscribe(
        new UpdateFilter(RunTagFilter.of(runs, null), Set.of(dataClass)), updates::add);
    Map<String, List<String>> tags = new TreeMap<>();
    for (SeriesInfo s : data().listSeries(dataClass, pluginName, RunTagFilter.of(runs, null))) {
      tags.computeIfAbsent(s.tag(), t -> new ArrayList<>()).add(s.run());
    }
    Map<String, List<String>> shown = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : tags.entrySet()) {
      if (filter.matches(e.getKey())) {
        List<String> ordered = new ArrayList<>();
        for (String run : runs) { // the selection's order, which gives the colours
          if (e.getValue().contains(run)) {
            ordered.add(run);
          }
        }
        shown.put(e.getKey(), ordered);
      }
    }
    for (String tag : List.copyOf(cardsByTag.keySet())) {
      if (!shown.containsKey(tag)) {
        cards.remove(cardsByTag.remove(tag));
        runsByTag.remove(tag);
      }
    }
    for (Map.Entry<String, List<String>> e : shown.entrySet()) {
      TagCard card = cardsByTag.get(e.getKey());
      if (card == null) {
        card = createCard(e.getKey());
        cardsByTag.put(e.getKey(), card);
        cards.addComponentAtIndex(new ArrayList<>(cardsByTag.keySet()).indexOf(e.getKey()), card);
      }
      if (!e.getValue().equals(runsByTag.get(e.getKey()))) {
        runsByTag.put(e.getKey(), e.getValue());
        card.showRuns(e.getValue());
      }
    }
    updateMessage(tags.isEmpty(), runs.isEmpty());
  }

  private void updateMessage(boolean noTags, boolean noRuns) {
    if (!cardsByTag.isEmpty()) {
      message.hide();
      return;
    }
    DataStatus status = data().status();
    if (noTags && !status.firstLoadDone()) {
      message.loading("Loading runs: " + status.runsLoaded() + " of " + status.runsDiscovered() + " read so far.");
    } else if (noRuns) {
      message.empty("No run is selected. Select runs in the panel on the left.");
    } else if (noTags) {
      message.empty(emptyText);
    } else {
      message.empty("No tag matches the filter.");
    }
  }

  private void apply(List<DataUpdate> batch) {
    boolean structure = false;
    Map<String, Set<String>> advanced = new LinkedHashMap<>();
    for (DataUpdate update : batch) {
      if (update instanceof DataUpdate.SeriesAdvanced s) {
        if (!pluginName.equals(s.pluginName()) || !selection().isSelected(s.run())) {
          continue;
        }
        List<String> runs = runsByTag.get(s.tag());
        if (runs == null || !runs.contains(s.run())) {
          structure = true; // a new tag, or a run new to a tag
        } else {
          advanced.computeIfAbsent(s.tag(), t -> new LinkedHashSet<>()).add(s.run());
        }
      } else if (update instanceof DataUpdate.RunChanged || update instanceof DataUpdate.RunRemoved) {
        structure = true;
        if (update instanceof DataUpdate.RunChanged) {
          // A rebuilt run must be read again everywhere it shows.
          runsByTag.forEach((tag, runs) -> {
            if (runs.contains(update.run())) {
              advanced.computeIfAbsent(tag, t -> new LinkedHashSet<>()).add(update.run());
            }
          });
        }
      }
    }
    if (structure) {
      refreshAll();
    }
    advanced.forEach((tag, runs) -> {
      TagCard card = cardsByTag.get(tag);
      List<String> shown = runsByTag.get(tag);
      if (card != null && shown != null) {
        runs.stream().filter(shown::contains).forEach(card::refresh);
      }
    });
  }
}
