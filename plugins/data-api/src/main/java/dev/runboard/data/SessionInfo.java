package dev.runboard.data;

import java.util.Objects;

/**
 * One writer session of a run: a training process that started (or resumed) writing to it.
 *
 * @param startWallTime seconds since the Unix epoch when it started
 * @param resumeStep the step it (re)started from: 0 for a fresh run, the checkpoint's step for a
 *     resumed one. Points an earlier session logged at steps at or above it were superseded.
 * @param source the file that announced the session, relative to the run directory
 * @param endWallTime when it stopped (its writer closed, or TensorBoard's hparams session end);
 *     NaN while it has not
 * @param endStatus what the stop said: empty for a writer that closed normally, {@code success},
 *     {@code failure}, {@code running} or {@code unknown} for an hparams session end, free text
 *     otherwise; empty while it has not stopped
 */
public record SessionInfo(
    double startWallTime, long resumeStep, String source, double endWallTime, String endStatus) {
  public SessionInfo {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(endStatus, "endStatus");
  }

  /** A session that has not stopped. */
  public SessionInfo(double startWallTime, long resumeStep, String source) {
    this(startWallTime, resumeStep, source, Double.NaN, "");
  }

  public boolean ended() {
    return !Double.isNaN(endWallTime);
  }

  /** This session, stopped at {@code wallTime} with {@code status}. */
  public SessionInfo endedAt(double wallTime, String status) {
    return new SessionInfo(startWallTime, resumeStep, source, wallTime, status);
  }
}
