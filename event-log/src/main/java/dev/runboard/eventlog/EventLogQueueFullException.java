package dev.runboard.eventlog;

/**
 * The writer's bounded queue stayed full for longer than the enqueue timeout: the disk cannot keep
 * up with the rate events are logged at. Thrown to the logging thread rather than dropping events
 * silently; the event that could not be enqueued is not logged, everything before it is.
 */
public class EventLogQueueFullException extends IllegalStateException {
  public EventLogQueueFullException(String message) {
    super(message);
  }
}
