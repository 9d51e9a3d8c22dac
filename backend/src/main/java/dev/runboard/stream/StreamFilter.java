package dev.runboard.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which frames one client wants: {@code ?run=REGEX&tag=REGEX}, each a Java regular expression that
 * must be found somewhere in the name ({@link java.util.regex.Matcher#find()}; anchor it with
 * {@code ^...$} for a whole name). A missing parameter matches everything. A frame without a tag (a
 * new run) is matched on its run alone.
 *
 * <p>Results are cached per (run, tag), a few hundred topics deep, so that a thousand clients
 * cost a hash lookup each per frame rather than two regex searches. Not thread-safe: the hub calls
 * it under its lock.
 */
final class StreamFilter {
  static final StreamFilter ALL = new StreamFilter(null, null);
  /** Topics remembered per client; beyond it the least recently seen are evaluated again. */
  static final int CACHED_TOPICS = 256;

  private final Pattern run;
  private final Pattern tag;
  private final Map<StreamFrame.Topic, Boolean> cache =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StreamFrame.Topic, Boolean> eldest) {
          return size() > CACHED_TOPICS;
        }
      };

  private StreamFilter(Pattern run, Pattern tag) {
    this.run = run;
    this.tag = tag;
  }

  /**
   * The filter for the request parameters (either may be {@code null} or empty: no condition).
   *
   * @throws IllegalArgumentException naming the parameter when one is not a valid expression
   */
  static StreamFilter of(String runRegex, String tagRegex) {
    Pattern run = compile("run", runRegex);
    Pattern tag = compile("tag", tagRegex);
    return run == null && tag == null ? ALL : new StreamFilter(run, tag);
  }

  private static Pattern compile(String parameter, String regex) {
    if (regex == null || regex.isEmpty()) {
      return null;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "parameter '" + parameter + "' is not a valid regular expression: "
              + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""),
          e);
    }
  }

  /** Whether frames about {@code topic} go to this client. */
  boolean matches(StreamFrame.Topic topic) {
    if (this == ALL) {
      return true;
    }
    Boolean cached = cache.get(topic);
    if (cached == null) {
      cached = evaluate(topic);
      cache.put(topic, cached);
    }
    return cached;
  }

  private boolean evaluate(StreamFrame.Topic topic) {
    if (run != null && !run.matcher(topic.run()).find()) {
      return false;
    }
    return topic.tag() == null || tag == null || tag.matcher(topic.tag()).find();
  }

  int cachedTopics() {
    return cache.size();
  }
}
