package dev.runboard.plugin.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.shared.Registration;
import dev.runboard.plugin.ViewState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * Chooses one of a series' steps, with the step and its wall time shown. It starts at the latest
 * step and follows new steps as they arrive, until the user moves it elsewhere; moving it back to
 * the end follows again.
 */
public final class StepSlider extends Div {
  private static final DateTimeFormatter WALL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final RangeInput input = new RangeInput(0, 0, 0);
  private final Span label = new Span();
  private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
  private long[] steps = new long[0];
  private double[] walls = new double[0];
  private int index;
  private boolean following = true;
  private ViewState urlState;
  private String urlKey;

  public StepSlider() {
    addClassName("runboard-step-slider");
    getStyle().set("display", "flex").set("align-items", "center").set("gap", "var(--lumo-space-s)")
        .set("flex-wrap", "wrap");
    input.setWidth("min(100%, 280px)");
    label.addClassName("runboard-step-label");
    label.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
    add(input, label);
    input.addUserInputListener(i -> {
      index = Math.max(0, Math.min(steps.length - 1, i));
      following = index == steps.length - 1;
      updateLabel();
      if (urlState != null) {
        urlState.set(urlKey, following ? null : Long.toString(selectedStep()));
      }
      listeners.forEach(l -> l.accept(selectedStep()));
    });
    updateLabel();
  }

  /**
   * The steps to choose from, increasing, with their wall times. Keeps the chosen step (or the one
   * just before it), or moves to the new last step while following.
   */
  public void setSteps(long[] steps, double[] wallTimes) {
    long previous = selectedStep();
    boolean had = this.steps.length > 0;
    this.steps = steps.clone();
    this.walls = wallTimes.clone();
    if (steps.length == 0) {
      index = 0;
    } else if (following || !had) {
      index = steps.length - 1;
    } else {
      index = floorIndex(previous);
    }
    input.setRange(0, Math.max(0, steps.length - 1));
    input.setValue(index);
    input.setEnabled(steps.length > 1);
    updateLabel();
  }

  /** Chooses the given step (or the one just before it), as a deep link asks. */
  public void selectStep(long step) {
    if (steps.length == 0) {
      return;
    }
    index = floorIndex(step);
    following = index == steps.length - 1;
    input.setValue(index);
    updateLabel();
  }

  /**
   * Keeps the chosen step in the tab's URL under {@code key}, absent while following the latest,
   * so that a reload or a shared link shows the same step.
   */
  public void bindToUrl(ViewState state, String key) {
    this.urlState = state;
    this.urlKey = key;
  }

  /** Moves to the step the URL names, or follows the latest when it names none. */
  public void readUrl() {
    String wanted = urlState == null ? null : urlState.get(urlKey).orElse(null);
    try {
      if (wanted == null) {
        followLatest();
      } else {
        selectStep(Long.parseLong(wanted));
      }
    } catch (NumberFormatException e) {
      followLatest();
    }
  }

  /** Follows the latest step again. */
  public void followLatest() {
    following = true;
    if (steps.length > 0) {
      index = steps.length - 1;
      input.setValue(index);
      updateLabel();
    }
  }

  private int floorIndex(long step) {
    int i = Arrays.binarySearch(steps, step);
    if (i >= 0) {
      return i;
    }
    return Math.max(0, -i - 2);
  }

  /** The chosen step; {@link Long#MIN_VALUE} when there are none. */
  public long selectedStep() {
    return steps.length == 0 ? Long.MIN_VALUE : steps[index];
  }

  /** Whether the slider is at the latest step and moves on with new ones. */
  public boolean followsLatest() {
    return following;
  }

  public int stepCount() {
    return steps.length;
  }

  /** Called with the step the user moved to. */
  public Registration addStepListener(LongConsumer listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private void updateLabel() {
    if (steps.length == 0) {
      label.setText("no steps");
      getElement().removeAttribute("step");
      return;
    }
    double wall = walls[index];
    String when = Double.isFinite(wall) && wall > 0 ? " · " + formatWallTime(wall) : "";
    label.setText("step " + steps[index] + " (" + (index + 1) + " of " + steps.length + ")" + when);
    getElement().setAttribute("step", Long.toString(steps[index]));
  }

  /** A wall time (seconds since the Unix epoch) the way the slider shows it. */
  public static String formatWallTime(double wall) {
    return WALL.format(Instant.ofEpochMilli(Math.round(wall * 1000)));
  }
}
