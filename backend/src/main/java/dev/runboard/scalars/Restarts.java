package dev.runboard.scalars;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.runboard.data.RunInfo;
import dev.runboard.data.SessionInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The restarts of a run and TensorBoard's purge rule. A restart is a writer session that started
 * after the run's first event: a training process that resumed (or started over) in a run that
 * already had data. Points carry no session, so a point belongs to the sessions that started
 * before its wall time.
 */
final class Restarts {
  private Restarts() {}

  /** A restart as responses name it: the step it resumed from and when. */
  record Boundary(long step, @JsonProperty("wall_time") double wallTime, String source) {}

  static List<Boundary> of(RunInfo run) {
    // The first session is where the run starts, not a restart, even when its points carry wall
    // times from before it (logged with explicit times, or by a machine whose clock was behind).
    List<Boundary> out = new ArrayList<>();
    List<SessionInfo> sessions = sorted(run.sessions());
    for (SessionInfo s : sessions.subList(Math.min(1, sessions.size()), sessions.size())) {
      out.add(new Boundary(s.resumeStep(), s.startWallTime(), s.source()));
    }
    return out;
  }

  /**
   * Which points survive TensorBoard's purge rule: point i is dropped when a session that started
   * after it (by wall time) resumed at a step at or below the point's step. A point from before
   * the first session's start belongs to the first session: only later sessions supersede it.
   *
   * @return positions of the surviving points, in logged order; null when every point survives
   */
  static int[] survivors(List<SessionInfo> sessions, long[] steps, double[] walls) {
    List<SessionInfo> byStart = sorted(sessions);
    int s = byStart.size();
    if (s == 0) {
      return null;
    }
    double[] starts = new double[s];
    // The smallest resume step of the sessions that start at or after each one.
    long[] laterResume = new long[s];
    long min = Long.MAX_VALUE;
    for (int k = s - 1; k >= 0; k--) {
      starts[k] = byStart.get(k).startWallTime();
      min = Math.min(min, byStart.get(k).resumeStep());
      laterResume[k] = min;
    }
    int[] kept = new int[steps.length];
    int n = 0;
    for (int i = 0; i < steps.length; i++) {
      int later = Math.max(1, firstStartAfter(starts, walls[i]));
      if (later == s || steps[i] < laterResume[later]) {
        kept[n++] = i;
      }
    }
    return n == steps.length ? null : java.util.Arrays.copyOf(kept, n);
  }

  /** Index of the first session starting strictly after {@code wall}, or the session count. */
  private static int firstStartAfter(double[] starts, double wall) {
    int lo = 0;
    int hi = starts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (starts[mid] > wall) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private static List<SessionInfo> sorted(List<SessionInfo> sessions) {
    List<SessionInfo> out = new ArrayList<>(sessions);
    out.sort(Comparator.comparingDouble(SessionInfo::startWallTime));
    return out;
  }
}
