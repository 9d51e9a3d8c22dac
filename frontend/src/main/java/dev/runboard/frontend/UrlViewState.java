package dev.runboard.frontend;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import dev.runboard.data.Subscription;
import dev.runboard.plugin.ViewState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@link ViewState} kept in the tab's URL query: written with the History API (replace or push),
 * read back from the location on every navigation, so reloads, shared links and back/forward all
 * restore it.
 */
final class UrlViewState implements ViewState {
  private final Map<String, String> values = new TreeMap<>();
  private final List<Consumer<ViewState>> listeners = new CopyOnWriteArrayList<>();
  private String path = "";

  /** Takes the state from a location the router navigated to; tells listeners when it changed. */
  void navigated(Location location) {
    Map<String, String> fresh = new TreeMap<>();
    location.getQueryParameters().getParameters().forEach((k, v) -> {
      if (!v.isEmpty()) {
        fresh.put(k, v.get(0));
      }
    });
    path = location.getPath();
    if (!fresh.equals(values)) {
      values.clear();
      values.putAll(fresh);
      listeners.forEach(l -> l.accept(this));
    }
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public void set(String key, String value) {
    if (update(key, value)) {
      UI.getCurrent().getPage().getHistory().replaceState(null, location());
    }
  }

  @Override
  public void push(String key, String value) {
    if (update(key, value)) {
      UI.getCurrent().getPage().getHistory().pushState(null, location());
    }
  }

  private boolean update(String key, String value) {
    String old = value == null ? values.remove(key) : values.put(key, value);
    return value == null ? old != null : !value.equals(old);
  }

  private Location location() {
    Map<String, List<String>> query = new LinkedHashMap<>();
    values.forEach((k, v) -> query.put(k, List.of(v)));
    return new Location(path, new QueryParameters(query));
  }

  @Override
  public Map<String, String> all() {
    return Map.copyOf(values);
  }

  @Override
  public Subscription onChange(Consumer<ViewState> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }
}
