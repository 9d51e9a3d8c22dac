package dev.runboard.frontend;

import dev.runboard.data.DataClass;
import dev.runboard.data.RunInfo;
import dev.runboard.data.SeriesInfo;

/**
 * A row of the run list: what the grid shows and sorts by.
 *
 * @param lastWallTime when the run last logged anything, seconds since the epoch (NaN before)
 * @param points scalar points logged so far, over every tag
 */
record RunRow(String name, long lastStep, double lastWallTime, long points) {
  static RunRow of(RunInfo run) {
    long points = 0;
    for (SeriesInfo s : run.series()) {
      if (s.dataClass() == DataClass.SCALARS) {
        points += s.count();
      }
    }
    return new RunRow(run.name(), run.lastStep(), run.lastWallTime(), points);
  }

  /** "12 s ago", "5 min ago", "3 h ago", "2 d ago", relative to {@code now} (epoch seconds). */
  String updatedAgo(double now) {
    if (Double.isNaN(lastWallTime)) {
      return "";
    }
    double ago = Math.max(0, now - lastWallTime);
    if (ago < 60) {
      return (long) ago + " s ago";
    }
    if (ago < 3600) {
      return (long) (ago / 60) + " min ago";
    }
    if (ago < 86400) {
      return (long) (ago / 3600) + " h ago";
    }
    return (long) (ago / 86400) + " d ago";
  }
}
