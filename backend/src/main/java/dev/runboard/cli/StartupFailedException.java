package dev.runboard.cli;

import dev.runboard.eventlog.s3.S3AccessException;
import dev.runboard.security.ConfigurationProblem;

/**
 * The server could not start for a reason the user can fix (an unreachable bucket, a missing
 * authentication setting): reported as one line, exit status 1, no stack trace.
 */
final class StartupFailedException extends RuntimeException {
  private StartupFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The cause the user can act on, when there is one; else the failure as it is. */
  static RuntimeException explain(RuntimeException failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof S3AccessException || t instanceof ConfigurationProblem) {
        return new StartupFailedException(t.getMessage(), failure);
      }
    }
    return failure;
  }
}
