package dev.runboard.eventlog;

import java.util.List;

/** Checks shared by the codecs. */
final class Codecs {
  private Codecs() {}

  /** The tag a dictionary index stands for; a bad index means a corrupt file. */
  static String tag(List<String> dictionary, int index) {
    if (index < 0 || index >= dictionary.size()) {
      throw new IllegalArgumentException(
          "tag index " + index + " outside the dictionary of " + dictionary.size() + " tags");
    }
    return dictionary.get(index);
  }
}
