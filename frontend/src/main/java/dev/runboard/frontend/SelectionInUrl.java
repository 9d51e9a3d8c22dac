package dev.runboard.frontend;

import dev.runboard.plugin.ViewState;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How the run selection is kept in the URL ({@code runs=...}), and which runs that appear later
 * join it. Absent: TensorBoard's default, every run while there are at most {@link
 * RunSelector#AUTO_SELECTED}; {@code *}: every run; {@code ~}: the runs the run filter matches;
 * otherwise the selected runs by name ({@link ViewState#encodeList}). A hand-picked list too long
 * for a URL is not kept.
 */
sealed interface SelectionInUrl {
  String KEY = "runs";
  int MAX_LIST_CHARS = 4000;

  /** Whether a run that appears now joins the selection. */
  boolean joins(String run, int selectedNow, Predicate<String> filter);

  /** The selection among the known runs when the URL is applied. */
  Set<String> select(Collection<String> known, Predicate<String> filter);

  record Auto() implements SelectionInUrl {
    @Override
    public boolean joins(String run, int selectedNow, Predicate<String> filter) {
      return selectedNow < RunSelector.AUTO_SELECTED;
    }

    @Override
    public Set<String> select(Collection<String> known, Predicate<String> filter) {
      Set<String> out = new LinkedHashSet<>();
      for (String run : known) {
        if (out.size() >= RunSelector.AUTO_SELECTED) {
          break;
        }
        out.add(run);
      }
      return out;
    }
  }

  record All() implements SelectionInUrl {
    @Override
    public boolean joins(String run, int selectedNow, Predicate<String> filter) {
      return true;
    }

    @Override
    public Set<String> select(Collection<String> known, Predicate<String> filter) {
      return new LinkedHashSet<>(known);
    }
  }

  record Filtered() implements SelectionInUrl {
    @Override
    public boolean joins(String run, int selectedNow, Predicate<String> filter) {
      return filter.test(run);
    }

    @Override
    public Set<String> select(Collection<String> known, Predicate<String> filter) {
      Set<String> out = new LinkedHashSet<>();
      known.stream().filter(filter).forEach(out::add);
      return out;
    }
  }

  record Listed(List<String> runs) implements SelectionInUrl {
    @Override
    public boolean joins(String run, int selectedNow, Predicate<String> filter) {
      return runs.contains(run);
    }

    @Override
    public Set<String> select(Collection<String> known, Predicate<String> filter) {
      Set<String> out = new LinkedHashSet<>();
      for (String run : runs) {
        if (known.contains(run)) {
          out.add(run);
        }
      }
      return out;
    }
  }

  static SelectionInUrl parse(String value) {
    if (value == null) {
      return new Auto();
    }
    if (value.equals("*")) {
      return new All();
    }
    if (value.equals("~")) {
      return new Filtered();
    }
    return new Listed(ViewState.decodeList(value));
  }

  /**
   * The URL value for a selection the user made, or null to leave the key out (the default, or a
   * list too long for a URL).
   */
  static String format(Set<String> selected, Collection<String> known, Predicate<String> filter, boolean filtering) {
    if (selected.equals(new Auto().select(known, filter))) {
      return null;
    }
    if (selected.size() == known.size() && selected.containsAll(known)) {
      return "*";
    }
    if (filtering && selected.equals(new Filtered().select(known, filter))) {
      return "~";
    }
    String list = ViewState.encodeList(selected);
    return list.length() <= MAX_LIST_CHARS ? list : null;
  }
}
