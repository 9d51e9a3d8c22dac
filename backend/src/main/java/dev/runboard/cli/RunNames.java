package dev.runboard.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Names for new runs, as Keras examples name them: a prefix and the local start time. */
final class RunNames {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private RunNames() {}

  static String timestamped(String prefix) {
    return prefix + "-" + LocalDateTime.now().format(STAMP);
  }
}
