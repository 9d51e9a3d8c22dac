package dev.runboard.data;

import java.util.Map;
import java.util.Objects;

/**
 * A blob the index knows of without holding its bytes. {@link DataProvider#readBlob(String)}
 * reads them.
 *
 * @param key opaque and URL-safe; valid until the series is rebuilt
 * @param mediaType what the log says the bytes are (a server must check before trusting it)
 * @param length bytes, or -1 when only known once read
 * @param attributes what the log says about the blob (an image's {@code width}, {@code height},
 *     {@code channels})
 */
public record BlobRef(String key, String mediaType, long length, Map<String, String> attributes) {
  public BlobRef {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(mediaType, "mediaType");
    attributes = Map.copyOf(attributes);
  }
}
