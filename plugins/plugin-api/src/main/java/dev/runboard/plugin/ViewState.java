package dev.runboard.plugin;

import dev.runboard.data.Subscription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The state of a browser tab's view that belongs in its URL (filters, modes, the selected step),
 * so that a reload or a shared link restores the view and back/forward step through it. Keys are
 * query parameters: prefix them with the plugin's id ({@code histograms.mode}). Use it under the
 * UI's lock.
 */
public interface ViewState {
  Optional<String> get(String key);

  /** Sets (or, with null, removes) a value, replacing the current history entry. */
  void set(String key, String value);

  /** Sets a value as a new history entry: the browser's back button returns to the old value. */
  void push(String key, String value);

  /** Every value, by key. */
  Map<String, String> all();

  /** Called when the URL changed under the view (back, forward, a link): re-read the state. */
  Subscription onChange(Consumer<ViewState> listener);

  /**
   * A list as one value: items joined by commas, with {@code %} and {@code ,} inside items
   * escaped as {@code %25} and {@code %2C}, so that any names (runs, tags) survive.
   */
  static String encodeList(Collection<String> items) {
    StringBuilder out = new StringBuilder();
    for (String item : items) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(item.replace("%", "%25").replace(",", "%2C"));
    }
    return out.toString();
  }

  /** The list {@link #encodeList} wrote; empty for null or "". */
  static List<String> decodeList(String value) {
    List<String> out = new ArrayList<>();
    if (value == null || value.isEmpty()) {
      return out;
    }
    for (String item : value.split(",", -1)) {
      out.add(item.replace("%2C", ",").replace("%25", "%"));
    }
    return out;
  }
}
