package dev.runboard.eventlog;

import java.io.IOException;

/** A file that is not a Runboard log, or one whose bytes cannot be a valid log. */
public class EventLogFormatException extends IOException {
  public EventLogFormatException(String message) {
    super(message);
  }

  public EventLogFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
