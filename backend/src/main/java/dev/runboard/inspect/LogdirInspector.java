package dev.runboard.inspect;

import dev.runboard.eventlog.EventFileTail;
import dev.runboard.eventlog.EventFiles;
import dev.runboard.eventlog.EventKind;
import dev.runboard.eventlog.GraphEvent;
import dev.runboard.eventlog.HistogramEvent;
import dev.runboard.eventlog.ImageEvent;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.RunMetadataEvent;
import dev.runboard.eventlog.ScalarEvent;
import dev.runboard.eventlog.SessionEvent;
import dev.runboard.eventlog.TextEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads every event file under a logdir once, whatever its format ({@link EventFiles}), and sums
 * up each run: the role of {@code tensorboard --inspect}. A file that cannot be read is reported
 * with its reason; the other files and runs are read all the same.
 */
public final class LogdirInspector {
  private LogdirInspector() {}

  public static List<RunSummary> inspect(Path logdir) throws IOException {
    Map<Path, List<Path>> filesByDirectory = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(logdir)) {
      for (Path file : walk.filter(Files::isRegularFile).filter(EventFiles::isEventFile)
          .collect(Collectors.toList())) {
        filesByDirectory.computeIfAbsent(file.getParent(), d -> new ArrayList<>()).add(file);
      }
    }
    List<RunSummary> runs = new ArrayList<>();
    for (Map.Entry<Path, List<Path>> run : filesByDirectory.entrySet()) {
      String relative = logdir.relativize(run.getKey()).toString().replace('\\', '/');
      List<Path> files = run.getValue();
      files.sort(null);
      runs.add(inspectRun(relative.isEmpty() ? "." : relative, files));
    }
    return runs;
  }

  private static RunSummary inspectRun(String name, List<Path> files) {
    Map<String, TagSummary> tags = new TreeMap<>();
    List<SessionEvent> sessions = new ArrayList<>();
    List<String> torn = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Path file : files) {
      try (EventFileTail tail = EventFiles.open(file)) {
        List<? extends LogEvent> events;
        try {
          events = tail.poll();
        } catch (IOException | RuntimeException e) {
          errors.add(String.valueOf(e.getMessage()));
          continue;
        }
        for (LogEvent event : events) {
          if (event instanceof SessionEvent) {
            sessions.add((SessionEvent) event);
          } else {
            add(tags, event);
          }
        }
        tail.tornTail().ifPresent(torn::add);
        // Rows before a corruption come back first; the error itself with the next poll.
        try {
          tail.poll();
        } catch (IOException | RuntimeException e) {
          errors.add(String.valueOf(e.getMessage()));
        }
      } catch (IOException | RuntimeException e) {
        errors.add(file + ": " + e.getMessage());
      }
    }
    return new RunSummary(name, files.size(), List.copyOf(tags.values()), sessions, torn, errors);
  }

  private static void add(Map<String, TagSummary> tags, LogEvent event) {
    String kind = EventKind.of(event).fileName();
    String tag = TagSummary.UNTAGGED;
    long step = 0;
    if (event instanceof ScalarEvent) {
      tag = ((ScalarEvent) event).tag();
      step = ((ScalarEvent) event).step();
    } else if (event instanceof HistogramEvent) {
      tag = ((HistogramEvent) event).tag();
      step = ((HistogramEvent) event).step();
    } else if (event instanceof ImageEvent) {
      tag = ((ImageEvent) event).tag();
      step = ((ImageEvent) event).step();
    } else if (event instanceof TextEvent) {
      tag = ((TextEvent) event).tag();
      step = ((TextEvent) event).step();
    } else if (!(event instanceof GraphEvent || event instanceof RunMetadataEvent)) {
      throw new IllegalArgumentException("unexpected event " + event);
    }
    String key = kind + "\u0000" + tag;
    TagSummary known = tags.get(key);
    double wallTime = event.wallTime();
    tags.put(key, known == null ? TagSummary.first(kind, tag, step, wallTime) : known.plus(step, wallTime));
  }
}
