package dev.runboard.eventlog;

import java.io.IOException;

/**
 * A followed file is now shorter than what its tail already read, or another file took its name.
 * The tail's state no longer describes the file: read it again from the start with a new tail.
 */
public class FileTruncatedException extends IOException {
  public FileTruncatedException(String message) {
    super(message);
  }
}
