package dev.runboard.inspect;

/**
 * What a run holds for one tag of one kind.
 *
 * @param kind the event kind ({@code scalar}, {@code histogram}, {@code image}, {@code text}, or
 *     {@code graph} / {@code run_metadata} for untagged kinds, whose tag is "-")
 */
public record TagSummary(
    String kind, String tag, long count, long minStep, long maxStep, double lastWallTime) {

  /** The tag of kinds that have none (graph, run_metadata); their steps mean nothing either. */
  public static final String UNTAGGED = "-";

  public boolean untagged() {
    return UNTAGGED.equals(tag);
  }

  TagSummary plus(long step, double wallTime) {
    return new TagSummary(
        kind, tag, count + 1, Math.min(minStep, step), Math.max(maxStep, step),
        Math.max(lastWallTime, wallTime));
  }

  static TagSummary first(String kind, String tag, long step, double wallTime) {
    return new TagSummary(kind, tag, 1, step, step, wallTime);
  }
}
