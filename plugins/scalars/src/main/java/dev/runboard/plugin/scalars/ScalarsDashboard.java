package dev.runboard.plugin.scalars;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.runboard.data.DataClass;
import dev.runboard.data.DataProvider;
import dev.runboard.data.DataUpdate;
import dev.runboard.data.PluginNames;
import dev.runboard.data.RunInfo;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.SeriesInfo;
import dev.runboard.data.Subscription;
import dev.runboard.data.UpdateFilter;
import dev.runboard.plugin.RunSelection;
import dev.runboard.plugin.UiUpdateQueue;
import dev.runboard.plugin.ViewState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The scalars dashboard: one card per tag, in collapsible sections by tag prefix ({@code train/…})
 * as TensorBoard groups them, pinned cards on top, one line per selected run. The cards read their
 * lines from the scalar API themselves (see {@link ScalarCard}); this view decides which cards
 * exist, which runs each draws and how (the toolbar's settings), keeps all of it in the URL, and
 * tells cards when one of their runs advanced.
 */
final class ScalarsDashboard extends VerticalLayout {
  static final String TAGS_KEY = "scalars.tags";
  static final String PINNED_KEY = "scalars.pinned";
  private static final String NO_PREFIX = "";

  private final DataProvider data;
  private final RunSelection selection;
  private final ViewState viewState;
  private final ScalarsToolbar toolbar;
  private final Details pinnedSection = section("Pinned");
  private final FlexLayout pinnedCards = cards();
  private final VerticalLayout sectionsLayout = new VerticalLayout();
  private final Map<String, Details> sections = new TreeMap<>();
  private final Map<String, FlexLayout> sectionCards = new HashMap<>();
  /** Cards by tag. */
  private final Map<String, CardFrame> frames = new TreeMap<>();
  /** Per tag, the selected runs that have it. */
  private final Map<String, Set<String>> runsByTag = new HashMap<>();
  private final Div empty = new Div();
  private ScalarsSettings settings = ScalarsSettings.DEFAULTS;
  private String tagFilterText = "";
  private Pattern tagPattern;
  private final Set<String> pinned = new LinkedHashSet<>();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private Subscription dataSubscription;
  private UiUpdateQueue<DataUpdate> updates;

  ScalarsDashboard(DataProvider data, RunSelection selection, ViewState viewState) {
    this.data = data;
    this.selection = selection;
    this.viewState = viewState;
    this.toolbar = new ScalarsToolbar(this::settingsChanged, this::tagFilterChanged);
    setId("scalars-dashboard");
    setSizeFull();
    setPadding(true);
    toolbar.getStyle().set("position", "sticky").set("top", "0").set("z-index", "2")
        .set("background", "var(--lumo-base-color)").set("padding-bottom", "var(--lumo-space-s)");
    pinnedSection.add(pinnedCards);
    pinnedSection.setId("pinned-section");
    pinnedSection.setVisible(false);
    sectionsLayout.setPadding(false);
    sectionsLayout.setWidthFull();
    empty.setId("scalars-empty");
    empty.getStyle().set("color", "var(--lumo-secondary-text-color)").set("max-width", "50em");
    add(toolbar, empty, pinnedSection, sectionsLayout);
  }

  private static Details section(String title) {
    Details d = new Details(title);
    d.setOpened(true);
    d.setWidthFull();
    d.addClassName("scalars-section");
    return d;
  }

  private static FlexLayout cards() {
    FlexLayout layout = new FlexLayout();
    layout.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    layout.setWidthFull();
    layout.getStyle().set("gap", "var(--lumo-space-m)");
    return layout;
  }

  @Override
  protected void onAttach(AttachEvent event) {
    updates = new UiUpdateQueue<>(event.getUI(), this::applyUpdates);
    subscriptions.add(selection.onChange(this::showRuns));
    subscriptions.add(selection.onColorChange(run -> updateCardRuns()));
    subscriptions.add(viewState.onChange(state -> applyUrl()));
    // The browser lost its cards if we were detached: start over.
    frames.values().forEach(f -> f.removeFromParent());
    frames.clear();
    runsByTag.clear();
    applyUrl();
    showRuns(selection.selected());
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

  // -- URL state -----------------------------------------------------------------------------------

  private void applyUrl() {
    settings = ScalarsSettings.read(viewState);
    tagFilterText = viewState.get(TAGS_KEY).orElse("");
    pinned.clear();
    pinned.addAll(ViewState.decodeList(viewState.get(PINNED_KEY).orElse(null)));
    toolbar.show(settings, tagFilterText);
    tagPattern = toolbar.tagPattern(tagFilterText);
    frames.values().forEach(f -> {
      f.card().setSettings(settings.toJson());
      if (f.pinned() != pinned.contains(f.tag())) {
        place(f, pinned.contains(f.tag()));
      }
    });
    applyTagFilter();
  }

  private void settingsChanged(ScalarsSettings next) {
    if (next.groupBy() != null && !next.groupBy().startsWith("hparam:")) {
      try {
        Pattern.compile(next.groupBy());
      } catch (PatternSyntaxException e) {
        toolbar.groupByError("Not a regular expression: " + e.getDescription());
        return;
      }
    }
    toolbar.groupByError(null);
    settings = next;
    settings.write(viewState);
    frames.values().forEach(f -> f.card().setSettings(settings.toJson()));
  }

  private void tagFilterChanged(String text) {
    tagFilterText = text == null ? "" : text;
    tagPattern = toolbar.tagPattern(tagFilterText);
    viewState.push(TAGS_KEY, tagFilterText.isEmpty() ? null : tagFilterText);
    applyTagFilter();
  }

  private void pinToggled(CardFrame frame) {
    boolean pin = !frame.pinned();
    if (pin) {
      pinned.add(frame.tag());
    } else {
      pinned.remove(frame.tag());
    }
    place(frame, pin);
    viewState.push(PINNED_KEY, pinned.isEmpty() ? null : ViewState.encodeList(pinned));
    applyTagFilter();
  }

  // -- runs and cards ------------------------------------------------------------------------------

  /** Makes the cards show exactly the given runs, and listens to exactly those. */
  private void showRuns(Set<String> runs) {
    if (dataSubscription != null) {
      dataSubscription.close();
    }
    dataSubscription = data.subscribe(
        new UpdateFilter(RunTagFilter.of(runs, null), Set.of(DataClass.SCALARS)), updates::add);
    runsByTag.clear();
    for (SeriesInfo series : data.listSeries(DataClass.SCALARS, PluginNames.SCALARS, RunTagFilter.of(runs, null))) {
      runsByTag.computeIfAbsent(series.tag(), t -> new LinkedHashSet<>()).add(series.run());
    }
    for (String tag : List.copyOf(frames.keySet())) {
      if (!runsByTag.containsKey(tag)) {
        // No selected run has this tag: drop the card, as TensorBoard does.
        frames.remove(tag).removeFromParent();
      }
    }
    runsByTag.keySet().forEach(this::frameFor);
    updateCardRuns();
    Set<String> hparams = new TreeSet<>();
    for (String run : runs) {
      data.run(run).map(RunInfo::hparams).ifPresent(h -> hparams.addAll(h.keySet()));
    }
    toolbar.setHparams(hparams);
    applyTagFilter();
  }

  /** Each card's runs, in the selection's order, with their colours. */
  private void updateCardRuns() {
    for (Map.Entry<String, CardFrame> e : frames.entrySet()) {
      Set<String> runs = runsByTag.getOrDefault(e.getKey(), Set.of());
      Map<String, String> colors = new LinkedHashMap<>();
      for (String run : selection.selected()) {
        if (runs.contains(run)) {
          colors.put(run, selection.colorOf(run));
        }
      }
      e.getValue().card().setRuns(colors);
    }
  }

  private CardFrame frameFor(String tag) {
    CardFrame frame = frames.get(tag);
    if (frame == null) {
      frame = new CardFrame(tag, this::pinToggled);
      frame.card().setSettings(settings.toJson());
      frames.put(tag, frame);
      place(frame, pinned.contains(tag));
    }
    return frame;
  }

  /** Puts a card in the pinned section or its prefix's section, in tag order. */
  private void place(CardFrame frame, boolean pin) {
    frame.setPinned(pin);
    FlexLayout target = pin ? pinnedCards : sectionFor(frame.tag());
    int index = 0;
    for (var child : target.getChildren().toList()) {
      if (child instanceof CardFrame other && other.tag().compareTo(frame.tag()) < 0) {
        index++;
      }
    }
    frame.removeFromParent();
    target.addComponentAtIndex(index, frame);
  }

  /** Tags group by what precedes their first '/', as in TensorBoard; the rest share a section. */
  static String prefixOf(String tag) {
    int slash = tag.indexOf('/');
    return slash > 0 ? tag.substring(0, slash) : NO_PREFIX;
  }

  private FlexLayout sectionFor(String tag) {
    String prefix = prefixOf(tag);
    FlexLayout layout = sectionCards.get(prefix);
    if (layout == null) {
      Details details = section(prefix.isEmpty() ? "Other tags" : prefix);
      details.getElement().setAttribute("data-prefix", prefix);
      layout = cards();
      details.add(layout);
      sections.put(prefix, details);
      sectionCards.put(prefix, layout);
      int index = new ArrayList<>(sections.keySet()).indexOf(prefix);
      sectionsLayout.addComponentAtIndex(index, details);
    }
    return layout;
  }

  /** Hides the cards the tag filter does not match, and sections left empty; the empty state. */
  private void applyTagFilter() {
    Pattern p = tagPattern;
    int shown = 0;
    for (CardFrame frame : frames.values()) {
      boolean visible = p == null || p.matcher(frame.tag()).find();
      frame.setVisible(visible);
      shown += visible ? 1 : 0;
    }
    for (Map.Entry<String, FlexLayout> e : sectionCards.entrySet()) {
      boolean any = e.getValue().getChildren().anyMatch(c -> c.isVisible());
      Details section = sections.get(e.getKey());
      section.setVisible(any);
      section.setSummaryText((e.getKey().isEmpty() ? "Other tags" : e.getKey()) + " (" + e.getValue().getChildren()
          .filter(c -> c.isVisible()).count() + ")");
    }
    pinnedSection.setVisible(pinnedCards.getChildren().anyMatch(c -> c.isVisible()));
    empty.removeAll();
    if (frames.isEmpty()) {
      empty.add(new Paragraph(selection.selected().isEmpty()
          ? "No run is selected. Select runs in the run list on the left (\"All\" selects every run the filter shows)."
          : "The selected runs have no scalar data yet. Cards appear here as soon as a run logs its first point:"
              + " train with `runboard train`, or log with Keras' TensorBoard callback, torch.utils.tensorboard's"
              + " SummaryWriter or tensorboardX into the logdir this server reads."));
    } else if (shown == 0) {
      empty.add(new Paragraph("No tag matches the filter \"" + tagFilterText + "\"."));
    }
    empty.setVisible(empty.getChildren().findAny().isPresent());
  }

  // -- live updates --------------------------------------------------------------------------------

  private void applyUpdates(List<DataUpdate> batch) {
    boolean structure = false;
    Map<String, DataUpdate.SeriesAdvanced> advanced = new LinkedHashMap<>();
    for (DataUpdate update : batch) {
      if (update instanceof DataUpdate.SeriesAdvanced s) {
        if (!selection.isSelected(s.run()) || !PluginNames.SCALARS.equals(s.pluginName())) {
          continue;
        }
        Set<String> runs = runsByTag.computeIfAbsent(s.tag(), t -> new LinkedHashSet<>());
        if (runs.add(s.run())) {
          structure = true; // a new tag, or a run's first point of an existing one
        } else {
          advanced.put(s.run() + "\u0000" + s.tag(), s);
        }
      } else if (update instanceof DataUpdate.RunChanged) {
        // Sessions changed or the run was rebuilt: its cards read everything again.
        frames.forEach((tag, frame) -> {
          if (runsByTag.getOrDefault(tag, Set.of()).contains(update.run())) {
            frame.card().reload();
          }
        });
      }
    }
    if (structure) {
      runsByTag.keySet().forEach(this::frameFor);
      updateCardRuns();
      applyTagFilter();
    }
    for (DataUpdate.SeriesAdvanced s : advanced.values()) {
      CardFrame frame = frames.get(s.tag());
      if (frame == null) {
        continue;
      }
      for (SeriesInfo info : data.listSeries(DataClass.SCALARS, PluginNames.SCALARS, RunTagFilter.one(s.run(), s.tag()))) {
        frame.card().advanced(s.run(), info.maxStep(), info.lastWallTime());
      }
    }
  }
}
