package dev.runboard.eventlog;

/**
 * Bytes of an Arrow log that cannot be a valid stream where they are. Carries the byte offset and
 * the reason apart from the message, so that a tail can also report it as a {@link FileProblem}.
 */
final class DamagedLogException extends EventLogFormatException {
  private final long offset;
  private final String reason;

  DamagedLogException(TailedFile file, long offset, String reason) {
    this(file, offset, reason, null);
  }

  DamagedLogException(TailedFile file, long offset, String reason, Throwable cause) {
    super(file.path() + ": " + reason, cause);
    this.offset = offset;
    this.reason = reason;
  }

  long offset() {
    return offset;
  }

  String reason() {
    return reason;
  }
}
