package dev.runboard.data;

import java.util.Objects;

/** The bytes of a blob, read from its log file. */
public record Blob(String mediaType, byte[] data) {
  public Blob {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(data, "data");
  }
}
