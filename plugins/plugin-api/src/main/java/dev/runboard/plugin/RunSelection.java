package dev.runboard.plugin;

import dev.runboard.data.Subscription;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Which runs the user shows, and the colour each run is drawn in, shared by the run selector and
 * every dashboard of one browser tab. Not thread-safe: use it under the UI's session lock.
 */
public final class RunSelection {
  // Colour-blind-friendly palette (Tableau 10), assigned in order of first appearance so that a
  // run keeps its colour while new runs arrive.
  private static final List<String> PALETTE =
      List.of(
          "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
          "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac");

  private final Map<String, String> colors = new LinkedHashMap<>();
  private final Set<String> selected = new LinkedHashSet<>();
  private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> colorListeners = new CopyOnWriteArrayList<>();

  /** The selected runs, in the order they were first seen. */
  public Set<String> selected() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(selected));
  }

  public boolean isSelected(String run) {
    return selected.contains(run);
  }

  /** Replaces the selection and tells the listeners when it changed. */
  public void select(Set<String> runs) {
    if (selected.equals(runs)) {
      return;
    }
    selected.clear();
    runs.forEach(run -> {
      colorOf(run);
      selected.add(run);
    });
    Set<String> snapshot = selected();
    listeners.forEach(l -> l.accept(snapshot)); // copy-on-write: listeners may unsubscribe here
  }

  /** A stable CSS colour for the run. */
  public String colorOf(String run) {
    return colors.computeIfAbsent(run, r -> PALETTE.get(colors.size() % PALETTE.size()));
  }

  /**
   * Gives a run the colour the user chose, and tells the colour listeners.
   *
   * @param color a CSS hex colour, {@code #rrggbb}
   * @throws IllegalArgumentException for anything else (the value reaches style attributes)
   */
  public void setColor(String run, String color) {
    if (color == null || !color.matches("#[0-9a-fA-F]{6}")) {
      throw new IllegalArgumentException("not a #rrggbb colour: " + color);
    }
    if (!color.equals(colors.put(run, color))) {
      colorListeners.forEach(l -> l.accept(run));
    }
  }

  /** Every colour given so far, by run, in the order they were given. */
  public Map<String, String> colors() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(colors));
  }

  /**
   * Takes colours remembered from an earlier visit (the browser keeps them), so that runs keep
   * their colours across reloads; runs seen for the first time continue the palette after them.
   * Invalid colours are ignored.
   */
  public void restoreColors(Map<String, String> remembered) {
    remembered.forEach((run, color) -> {
      if (color != null && color.matches("#[0-9a-fA-F]{6}")) {
        if (!color.equals(colors.put(run, color))) {
          colorListeners.forEach(l -> l.accept(run));
        }
      }
    });
  }

  /** Called with a run whose colour changed (chosen by the user or restored). */
  public Subscription onColorChange(Consumer<String> listener) {
    colorListeners.add(listener);
    return () -> colorListeners.remove(listener);
  }

  public Subscription onChange(Consumer<Set<String>> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }
}
