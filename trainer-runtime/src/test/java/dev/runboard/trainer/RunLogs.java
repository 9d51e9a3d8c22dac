package dev.runboard.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.eventlog.EventLogFiles;
import dev.runboard.eventlog.EventLogTail;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.ScalarEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads a run directory back with the event log's own reader, as the dashboard does. */
public final class RunLogs {
  private RunLogs() {}

  /** Every event of every segment in {@code run}; each segment must have been closed cleanly. */
  public static List<LogEvent> read(Path run) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(run)) {
      files = list.filter(EventLogFiles::isEventLog).sorted().collect(Collectors.toList());
    }
    assertThat(files).as("event logs in %s", run).isNotEmpty();
    List<LogEvent> events = new ArrayList<>();
    for (Path file : files) {
      try (EventLogTail tail = new EventLogTail(file)) {
        events.addAll(tail.poll());
        assertThat(tail.ended()).as("%s closed cleanly", file).isTrue();
      }
    }
    return events;
  }

  public static <T extends LogEvent> List<T> ofType(List<LogEvent> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
  }

  public static List<Long> steps(List<LogEvent> events, String tag) {
    return ofType(events, ScalarEvent.class).stream()
        .filter(e -> e.tag().equals(tag)).map(ScalarEvent::step).collect(Collectors.toList());
  }

  public static List<Double> values(List<LogEvent> events, String tag) {
    return ofType(events, ScalarEvent.class).stream()
        .filter(e -> e.tag().equals(tag)).map(ScalarEvent::value).collect(Collectors.toList());
  }
}
