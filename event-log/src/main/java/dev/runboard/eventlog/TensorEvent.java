package dev.runboard.eventlog;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor for a tag at a step, for any plugin: the generic kind, so that a dashboard can log its
 * own data (PR curves, meshes, custom plugins) without a new event kind or format change.
 *
 * @param pluginName the plugin (dashboard) the tag belongs to, e.g. {@code pr_curves}; empty when
 *     the writer did not say
 * @param pluginContent the plugin's own metadata for the tag, opaque here (TensorBoard's
 *     {@code SummaryMetadata.plugin_data.content}); empty when none
 */
public record TensorEvent(
    String tag, long step, double wallTime, String pluginName, byte[] pluginContent, TensorValue tensor)
    implements LogEvent {
  public TensorEvent {
    Tags.require(tag);
    Objects.requireNonNull(pluginName, "pluginName");
    Objects.requireNonNull(pluginContent, "pluginContent");
    Objects.requireNonNull(tensor, "tensor");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorEvent e
        && tag.equals(e.tag)
        && step == e.step
        && Double.compare(wallTime, e.wallTime) == 0
        && pluginName.equals(e.pluginName)
        && Arrays.equals(pluginContent, e.pluginContent)
        && tensor.equals(e.tensor);
  }

  @Override
  public int hashCode() {
    return (Objects.hash(tag, step, wallTime, pluginName, tensor)) * 31 + Arrays.hashCode(pluginContent);
  }

  @Override
  public String toString() {
    return "TensorEvent[tag=" + tag + ", step=" + step + ", plugin=" + pluginName + ", " + tensor + "]";
  }
}
