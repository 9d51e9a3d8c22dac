package dev.runboard.eventlog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File naming inside a run directory: {@code events.<session>.<kind>.<segment>.arrows}, where the
 * session is {@code <start millis, 13 digits>.<pid>.<attempt>}, the kind is {@link
 * EventKind#fileName()} and the segment a 5-digit counter per session and kind. Names sort by
 * session start, then kind, then segment. Each file is one Arrow IPC stream (".arrows" is the
 * registered extension of the stream format).
 */
public final class EventLogFiles {
  public static final String PREFIX = "events.";
  public static final String SUFFIX = ".arrows";

  private static final Pattern NAME =
      Pattern.compile("events\\.(\\d{13}\\.\\d+\\.\\d+)\\.([a-z_]+)\\.(\\d{5})\\.arrows");

  private EventLogFiles() {}

  /** A segment file's parts. */
  public record SegmentName(String session, EventKind kind, int segment) {}

  /** Whether a file name is a Runboard event log (any version; the reader checks the rest). */
  public static boolean isEventLog(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
  }

  /** The parts of a segment file name (the same in format versions 1 and 2); empty for any other. */
  public static Optional<SegmentName> parse(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return Optional.empty();
    }
    EventKind kind = EventKind.ofFileName(m.group(2));
    return kind == null
        ? Optional.empty()
        : Optional.of(new SegmentName(m.group(1), kind, Integer.parseInt(m.group(3))));
  }

  static String session(Instant start, long pid, int attempt) {
    return String.format("%013d", start.toEpochMilli()) + "." + pid + "." + attempt;
  }

  static String segmentFileName(String session, EventKind kind, int segment) {
    return PREFIX + session + "." + kind.fileName() + "." + String.format("%05d", segment) + SUFFIX;
  }
}
