package dev.runboard.data;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which updates a subscription receives: run updates for matching runs, series updates for
 * matching runs, tags and data classes.
 */
public record UpdateFilter(RunTagFilter series, Set<DataClass> dataClasses) {
  public UpdateFilter {
    Objects.requireNonNull(series, "series");
    dataClasses = dataClasses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(dataClasses));
  }

  public static UpdateFilter all() {
    return new UpdateFilter(RunTagFilter.all(), EnumSet.allOf(DataClass.class));
  }

  public static UpdateFilter of(RunTagFilter series, DataClass... classes) {
    return new UpdateFilter(series, Set.of(classes));
  }

  public boolean matches(DataUpdate update) {
    if (update instanceof DataUpdate.SeriesAdvanced s) {
      return dataClasses.contains(s.dataClass()) && series.matches(s.run(), s.tag());
    }
    return series.matchesRun(update.run());
  }
}
