package dev.runboard.plugin.ui;

import dev.runboard.plugin.ViewState;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * A card with one step slider over every run's steps (text, PR curves): it reads each run's
 * entries by step, gives the slider their steps, and asks the subclass to show each run's entry
 * at the chosen step ({@link #entry}: the run's entry at that step, or at its nearest step before).
 *
 * @param <T> one step's entry of a run
 */
public abstract class SteppedTagCard<T> extends TagCard {
  private final StepSlider slider = new StepSlider();
  private final RunSteps<T> steps;
  private List<String> runs = List.of();

  /** @param wallTime an entry's wall time, for the slider's label */
  protected SteppedTagCard(String tag, ToDoubleFunction<T> wallTime) {
    super(tag);
    this.steps = new RunSteps<>(wallTime);
    add(slider);
    slider.addStepListener(step -> render());
  }

  /** Reads a run's entries of this tag, by step (a step logged again keeps its last entry). */
  protected abstract TreeMap<Long, T> read(String run);

  /** The shown runs changed to {@code runs}; {@code removed} are no longer shown. */
  protected abstract void runsChanged(List<String> runs, List<String> removed);

  /** Shows each run's {@link #entry} at the chosen step. */
  protected abstract void render();

  /** Keeps the slider's step in the tab's URL under {@code key} once it is moved off the latest. */
  public final void bindStepToUrl(ViewState state, String key) {
    slider.bindToUrl(state, key);
  }

  /** The URL's step changed (back, forward, a link): move the slider and show that step. */
  public final void readStep() {
    slider.readUrl();
    render();
  }

  @Override
  public final void showRuns(List<String> shown) {
    boolean first = runs.isEmpty();
    List<String> removed = new ArrayList<>(runs);
    removed.removeAll(shown);
    List<String> added = new ArrayList<>(shown);
    added.removeAll(runs);
    runs = List.copyOf(shown);
    steps.retain(runs);
    runsChanged(runs, removed);
    added.forEach(this::load);
    steps.updateSlider(slider);
    if (first) {
      slider.readUrl();
    }
    render();
  }

  @Override
  public final void refresh(String run) {
    load(run);
    steps.updateSlider(slider);
    render();
  }

  private void load(String run) {
    try {
      steps.put(run, read(run));
      message().hide();
    } catch (RuntimeException e) {
      message().error("Could not read run '" + run + "': " + e.getMessage());
    }
  }

  /** The runs shown, in the selection's order. */
  protected final List<String> runs() {
    return runs;
  }

  /** The chosen step; {@link Long#MIN_VALUE} before any. */
  protected final long selectedStep() {
    return slider.selectedStep();
  }

  /** The run's entry at the chosen step, or at its nearest step before it; null when none. */
  protected final T entry(String run) {
    return steps.at(run, slider.selectedStep());
  }
}
