package dev.runboard.plugin.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.runboard.data.DataClass;
import dev.runboard.data.DataProvider;
import dev.runboard.data.DataUpdate;
import dev.runboard.data.PluginNames;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.Subscription;
import dev.runboard.data.UpdateFilter;
import dev.runboard.plugin.DashboardContext;
import dev.runboard.plugin.UiUpdateQueue;
import dev.runboard.plugin.ViewState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A run picker (the runs that logged a graph, the first selected one by default), node search,
 * export buttons and the {@link GraphView}. The run shown is kept in the URL ({@code graphs.run}).
 */
final class GraphDashboard extends VerticalLayout {
  static final String RUN_KEY = "graphs.run";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataProvider data;
  private final DashboardContext context;
  private final ComboBox<String> run = new ComboBox<>("Run");
  private final TextField search = new TextField("Search nodes");
  private final GraphView view = new GraphView();
  private final Paragraph message = new Paragraph();
  private String shown;
  private long shownVersion = -1;
  private Subscription subscription;
  private Subscription urlSubscription;

  GraphDashboard(DashboardContext context) {
    this.context = context;
    this.data = context.data();
    setSizeFull();
    setPadding(true);
    run.setId("graph-run");
    run.setWidth("24em");
    run.addValueChangeListener(e -> {
      if (e.isFromClient() && e.getValue() != null) {
        context.viewState().push(RUN_KEY, e.getValue());
        show(e.getValue());
      }
    });
    search.setId("graph-search");
    search.setPlaceholder("name, e.g. conv2d or layer1/weights");
    search.setClearButtonVisible(true);
    search.setValueChangeMode(ValueChangeMode.LAZY);
    search.addValueChangeListener(e -> view.search(e.getValue()));
    Button svg = new Button("SVG", e -> view.exportSvg());
    Button png = new Button("PNG", e -> view.exportPng());
    svg.setId("graph-export-svg");
    png.setId("graph-export-png");
    svg.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    png.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    HorizontalLayout toolbar = new HorizontalLayout(run, search, svg, png);
    toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    view.setId("graph-view");
    message.setId("graph-message");
    add(toolbar, message, view);
    setFlexGrow(1, view);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UiUpdateQueue<DataUpdate> updates = new UiUpdateQueue<>(event.getUI(), batch -> refresh());
    subscription = data.subscribe(
        UpdateFilter.of(RunTagFilter.of(null, Set.of(PluginNames.RUN_GRAPH_TAG)), DataClass.BLOB_SEQUENCES),
        updates::add);
    urlSubscription = context.viewState().onChange(state -> refresh());
    shown = null;
    refresh();
  }

  @Override
  protected void onDetach(DetachEvent event) {
    subscription.close();
    urlSubscription.close();
  }

  /** Lists the runs with graphs again and shows the wanted one, read again if it changed. */
  private void refresh() {
    List<String> runs = RunGraphs.runsWithGraphs(data);
    run.setItems(runs);
    if (runs.isEmpty()) {
      view.setVisible(false);
      message.setText("No run has logged a graph. Runboard's trainer logs the model's graph when"
          + " training starts; TensorFlow and PyTorch logdirs carry it as graph_def.");
      return;
    }
    ViewState state = context.viewState();
    String wanted = state.get(RUN_KEY).filter(runs::contains)
        .or(() -> context.runSelection().selected().stream().filter(runs::contains).findFirst())
        .orElse(runs.get(0));
    show(wanted);
  }

  private void show(String name) {
    run.setValue(name);
    long version = data.listSeries(DataClass.BLOB_SEQUENCES, PluginNames.GRAPHS,
            RunTagFilter.one(name, PluginNames.RUN_GRAPH_TAG))
        .stream().mapToLong(s -> s.version()).max().orElse(-1);
    if (Objects.equals(name, shown) && version == shownVersion) {
      return;
    }
    shown = name;
    shownVersion = version;
    Optional<GraphDocument> graph;
    try {
      graph = RunGraphs.read(data, name);
    } catch (GraphUnreadableException e) {
      view.setVisible(false);
      message.setText(e.getMessage());
      return;
    }
    if (graph.isEmpty()) {
      view.setVisible(false);
      message.setText("Run " + name + " has no graph.");
      return;
    }
    GraphDocument document = graph.get();
    message.setText(document.nodes().size() + " nodes, " + document.groups().size() + " name scopes ("
        + document.source() + "). Click a scope to open it, a node to see its details; drag to pan,"
        + " scroll to zoom.");
    view.setVisible(true);
    try {
      view.setGraph(JSON.writeValueAsString(document));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a graph document always serialises", e);
    }
    if (!search.isEmpty()) {
      view.search(search.getValue());
    }
  }
}
