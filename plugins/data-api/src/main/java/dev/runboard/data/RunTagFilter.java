package dev.runboard.data;

import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which series a read or a subscription is about: runs and tags by name, by regular expression
 * ({@link java.util.regex.Matcher#find()} semantics), or any. A series matches when its run and
 * its tag both match.
 *
 * @param runs run names, or null for any run
 * @param tags tags, or null for any tag
 * @param runPattern a pattern the run name must contain a match of, or null
 * @param tagPattern a pattern the tag must contain a match of, or null
 */
public record RunTagFilter(Set<String> runs, Set<String> tags, Pattern runPattern, Pattern tagPattern) {
  private static final RunTagFilter ALL = new RunTagFilter(null, null, null, null);

  public RunTagFilter {
    runs = runs == null ? null : Set.copyOf(runs);
    tags = tags == null ? null : Set.copyOf(tags);
  }

  public static RunTagFilter all() {
    return ALL;
  }

  public static RunTagFilter of(Collection<String> runs, Collection<String> tags) {
    return new RunTagFilter(
        runs == null ? null : Set.copyOf(runs), tags == null ? null : Set.copyOf(tags), null, null);
  }

  public static RunTagFilter one(String run, String tag) {
    return of(Set.of(run), Set.of(tag));
  }

  public static RunTagFilter patterns(Pattern runPattern, Pattern tagPattern) {
    return new RunTagFilter(null, null, runPattern, tagPattern);
  }

  public boolean matchesRun(String run) {
    return (runs == null || runs.contains(run))
        && (runPattern == null || runPattern.matcher(run).find());
  }

  public boolean matchesTag(String tag) {
    return (tags == null || tags.contains(tag))
        && (tagPattern == null || tagPattern.matcher(tag).find());
  }

  public boolean matches(String run, String tag) {
    return matchesRun(run) && matchesTag(tag);
  }
}
