package dev.runboard.logdir;

import dev.runboard.eventlog.EventLogFiles;
import dev.runboard.eventlog.ScalarEvent;
import dev.runboard.eventlog.ScalarLogTail;
import dev.runboard.plugin.ScalarSeries;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: a directory of the logdir and the log files in it, each followed by a tail. Reading
 * (from the indexing thread) appends to per-tag columns that other threads may read at any time.
 */
final class Run implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Run.class);

  private final String name;
  private final Path directory;
  /** Open tails by file, in file-name order (= creation order). Indexing thread only. */
  private final Map<Path, ScalarLogTail> tails = new TreeMap<>();
  /** Files that failed to read: reported once, then left alone. Indexing thread only. */
  private final Map<Path, String> broken = new TreeMap<>();

  private final ConcurrentSkipListMap<String, ScalarColumns> scalars = new ConcurrentSkipListMap<>();

  Run(String name, Path directory) {
    this.name = name;
    this.directory = directory;
  }

  String name() {
    return name;
  }

  List<String> scalarTags() {
    return List.copyOf(scalars.keySet());
  }

  Optional<ScalarSeries> scalars(String tag) {
    ScalarColumns columns = scalars.get(tag);
    return columns == null ? Optional.empty() : Optional.of(columns.since(0));
  }

  /** Opens tails for log files that appeared in the run directory since the last call. */
  void discoverFiles() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        if (EventLogFiles.isEventLog(file)
            && Files.isRegularFile(file)
            && !tails.containsKey(file)
            && !broken.containsKey(file)) {
          try {
            tails.put(file, new ScalarLogTail(file));
          } catch (NoSuchFileException vanished) {
            // Deleted between listing and opening: nothing to read.
          }
        }
      }
    }
  }

  /**
   * Reads whatever the files gained since the last call and returns the new points per tag (as
   * series carrying their offset), in tag order.
   */
  List<ScalarSeries> readNewData() {
    Map<String, Integer> sizeBefore = new LinkedHashMap<>();
    for (Map.Entry<Path, ScalarLogTail> entry : new ArrayList<>(tails.entrySet())) {
      List<ScalarEvent> events;
      try {
        events = entry.getValue().poll();
      } catch (IOException | RuntimeException e) {
        markBroken(entry.getKey(), e);
        continue;
      }
      for (ScalarEvent event : events) {
        ScalarColumns columns =
            scalars.computeIfAbsent(event.tag(), tag -> new ScalarColumns(name, tag));
        sizeBefore.putIfAbsent(event.tag(), columns.size());
        columns.append(event.step(), event.wallTime(), event.value());
      }
    }
    List<ScalarSeries> appended = new ArrayList<>();
    new TreeMap<>(sizeBefore).forEach((tag, before) -> appended.add(scalars.get(tag).since(before)));
    return appended;
  }

  private void markBroken(Path file, Exception e) {
    ScalarLogTail tail = tails.remove(file);
    broken.put(file, String.valueOf(e.getMessage()));
    log.warn("Skipping {} in run '{}': {}", file, name, e.getMessage());
    try {
      tail.close();
    } catch (IOException closeFailure) {
      e.addSuppressed(closeFailure);
    }
  }

  @Override
  public void close() {
    for (ScalarLogTail tail : tails.values()) {
      try {
        tail.close();
      } catch (IOException e) {
        log.debug("Closing {} failed", tail.file(), e);
      }
    }
    tails.clear();
  }
}
