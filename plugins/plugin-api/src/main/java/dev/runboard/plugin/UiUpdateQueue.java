package dev.runboard.plugin;

import com.vaadin.flow.component.UI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands updates from the index's loader threads to a view: they queue here, and one {@link
 * UI#access} per burst applies all of them on the UI's side, however many arrived. Listeners of
 * the data provider must return at once; this is how a view does.
 */
public final class UiUpdateQueue<T> {
  private final UI ui;
  private final Consumer<List<T>> apply;
  private final List<T> pending = new ArrayList<>();
  private boolean scheduled;

  /** @param apply called under the UI's lock with every update queued since the last call */
  public UiUpdateQueue(UI ui, Consumer<List<T>> apply) {
    this.ui = ui;
    this.apply = apply;
  }

  public void add(T update) {
    synchronized (pending) {
      pending.add(update);
      if (scheduled) {
        return;
      }
      scheduled = true;
    }
    ui.access(this::drain);
  }

  private void drain() {
    List<T> updates;
    synchronized (pending) {
      scheduled = false;
      updates = new ArrayList<>(pending);
      pending.clear();
    }
    if (!updates.isEmpty()) {
      apply.accept(updates);
    }
  }
}
