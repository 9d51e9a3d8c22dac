package dev.runboard.eventlog;

import java.util.Objects;

/**
 * A boundary in a run's life, as TensorBoard's {@code SessionLog}: a writer session starting
 * (a restart from a checkpoint starts a new one at the step it resumed from), stopping, or a
 * checkpoint being written. Readers use {@code START} to tell restarts apart, e.g. to drop points
 * an aborted session logged past the step the next session resumed from.
 *
 * @param step the step the session starts (resumes) from, stops at, or checkpointed at
 * @param message free text, e.g. the checkpoint path or a stop status
 */
public record SessionEvent(double wallTime, Kind kind, long step, String message)
    implements LogEvent {
  public enum Kind {
    START,
    STOP,
    CHECKPOINT
  }

  public SessionEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
