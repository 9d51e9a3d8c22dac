package dev.runboard.eventlog;

import java.util.Objects;

/** Validation shared by every tagged event. */
final class Tags {
  private Tags() {}

  static String require(String tag) {
    Objects.requireNonNull(tag, "tag");
    if (tag.isEmpty()) {
      throw new IllegalArgumentException("tag must not be empty");
    }
    return tag;
  }
}
