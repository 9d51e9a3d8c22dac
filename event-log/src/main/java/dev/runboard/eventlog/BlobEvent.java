package dev.runboard.eventlog;

import java.util.Arrays;
import java.util.Objects;

/**
 * Opaque bytes for a tag at a step, with their media type: audio clips, and whatever else a
 * plugin logs as bytes. The bytes are kept exactly as logged.
 *
 * @param pluginName the plugin (dashboard) the tag belongs to, e.g. {@code audio}
 * @param pluginContent the plugin's own metadata for the tag, opaque here; empty when none
 * @param index position within the step's sequence (the k-th clip of a batch of clips), from 0
 * @param mediaType e.g. {@code audio/wav}; {@code application/octet-stream} when unknown
 */
public record BlobEvent(
    String tag,
    long step,
    double wallTime,
    String pluginName,
    byte[] pluginContent,
    int index,
    String mediaType,
    byte[] data)
    implements LogEvent {
  public BlobEvent {
    Tags.require(tag);
    Objects.requireNonNull(pluginName, "pluginName");
    Objects.requireNonNull(pluginContent, "pluginContent");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(data, "data");
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, was " + index);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlobEvent e
        && tag.equals(e.tag)
        && step == e.step
        && Double.compare(wallTime, e.wallTime) == 0
        && pluginName.equals(e.pluginName)
        && Arrays.equals(pluginContent, e.pluginContent)
        && index == e.index
        && mediaType.equals(e.mediaType)
        && Arrays.equals(data, e.data);
  }

  @Override
  public int hashCode() {
    return (Objects.hash(tag, step, wallTime, pluginName, index, mediaType) * 31
            + Arrays.hashCode(pluginContent)) * 31
        + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "BlobEvent[tag=" + tag + ", step=" + step + ", plugin=" + pluginName + ", index=" + index
        + ", " + mediaType + ", " + data.length + " bytes]";
  }
}
