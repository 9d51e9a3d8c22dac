package dev.runboard.data;

/**
 * One writer session of a run: a training process that started (or resumed) writing to it.
 *
 * @param startWallTime seconds since the Unix epoch when it started
 * @param resumeStep the step it (re)started from: 0 for a fresh run, the checkpoint's step for a
 *     resumed one. Points an earlier session logged at steps at or above it were superseded.
 * @param source the file that announced the session, relative to the run directory
 */
public record SessionInfo(double startWallTime, long resumeStep, String source) {}
