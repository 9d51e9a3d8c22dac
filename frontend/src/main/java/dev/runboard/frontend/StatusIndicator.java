package dev.runboard.frontend;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.runboard.data.DataProvider;
import dev.runboard.data.DataStatus;
import dev.runboard.data.Problem;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;

/**
 * The navbar's view of the index: loading progress while runs are still being read (TensorBoard
 * shows nothing, #65), and a problems button when log files are damaged, listing file, byte
 * offset and what was done. Refreshed every second while the page is open.
 */
final class StatusIndicator extends HorizontalLayout {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private final DataProvider data;
  private final UiRefreshTimer timer;
  private final ProgressBar progress = new ProgressBar();
  private final Span loading = new Span();
  private final Button problems = new Button();
  private ScheduledFuture<?> refresh;
  private List<Problem> shownProblems = List.of();

  StatusIndicator(DataProvider data, UiRefreshTimer timer) {
    this.data = data;
    this.timer = timer;
    setAlignItems(FlexComponent.Alignment.CENTER);
    setSpacing(true);
    getStyle().set("margin-left", "auto").set("margin-right", "var(--lumo-space-m)");
    progress.setWidth("120px");
    loading.setId("loading-status");
    loading.getStyle().set("font-size", "var(--lumo-font-size-s)");
    problems.setId("problems-button");
    problems.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
    problems.addClickListener(e -> openProblems());
    add(progress, loading, problems);
    update();
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    refresh = timer.every(1000, () -> ui.access(this::update));
  }

  @Override
  protected void onDetach(DetachEvent event) {
    if (refresh != null) {
      refresh.cancel(false);
    }
  }

  private void update() {
    DataStatus status = data.status();
    boolean busy = !status.firstLoadDone() || status.runsLoaded() < status.runsDiscovered();
    progress.setVisible(busy);
    loading.setVisible(busy);
    if (busy) {
      NumberFormat n = NumberFormat.getIntegerInstance(Locale.ROOT);
      double fraction = status.bytesTotal() == 0 ? 0 : Math.min(1, (double) status.bytesRead() / status.bytesTotal());
      progress.setValue(fraction);
      loading.setText("Loading " + n.format(status.runsLoaded()) + " / " + n.format(status.runsDiscovered()) + " runs");
    }
    shownProblems = status.problems();
    problems.setVisible(status.problemsTotal() > 0);
    problems.setText("⚠ " + status.problemsTotal() + (status.problemsTotal() == 1 ? " problem" : " problems"));
  }

  private void openProblems() {
    Dialog dialog = new Dialog();
    dialog.setHeaderTitle("Problems with log files");
    dialog.setWidth("min(1100px, 95vw)");
    Grid<Problem> grid = new Grid<>();
    grid.setId("problems-grid");
    grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
    grid.addColumn(p -> WHEN.format(p.time())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(Problem::run).setHeader("Run").setAutoWidth(true);
    grid.addColumn(Problem::file).setHeader("File").setAutoWidth(true);
    grid.addColumn(p -> p.offset() < 0 ? "" : Long.toString(p.offset())).setHeader("Byte").setAutoWidth(true);
    grid.addColumn(Problem::message).setHeader("What").setFlexGrow(3);
    grid.setItems(shownProblems);
    dialog.add(grid);
    dialog.getFooter().add(new Button("Close", e -> dialog.close()));
    dialog.open();
  }
}
