package dev.runboard.logdir;

import dev.runboard.eventlog.EventFileTail;
import dev.runboard.eventlog.EventFiles;
import dev.runboard.eventlog.GraphEvent;
import dev.runboard.eventlog.HistogramEvent;
import dev.runboard.eventlog.ImageEvent;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.RunMetadataEvent;
import dev.runboard.eventlog.ScalarEvent;
import dev.runboard.eventlog.SessionEvent;
import dev.runboard.eventlog.TextEvent;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: a directory of the logdir and the event files in it (Runboard Arrow logs and
 * TensorBoard tfevents alike), each followed by a tail. Reading (from the indexing thread) appends
 * to per-kind, per-tag stores that other threads may read at any time.
 */
final class Run implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Run.class);

  private final String name;
  private final Path directory;
  /** Open tails by file, in file-name order (= creation order). Indexing thread only. */
  private final Map<Path, EventFileTail> tails = new TreeMap<>();
  /** Files that failed to read: reported once, then left alone. Indexing thread only. */
  private final Map<Path, String> broken = new TreeMap<>();
  /**
   * Torn tails seen on the previous read, and those already reported. A tail is reported once,
   * and only when it outlives a read: a live writer is caught mid-record all the time.
   */
  private final Map<Path, String> tornLastRead = new TreeMap<>();
  private final Map<Path, String> tornReported = new ConcurrentSkipListMap<>();

  private final ConcurrentSkipListMap<String, ScalarColumns> scalars = new ConcurrentSkipListMap<>();
  private final TaggedEvents<HistogramEvent> histograms = new TaggedEvents<>(HistogramEvent::tag);
  private final TaggedEvents<ImageEvent> images = new TaggedEvents<>(ImageEvent::tag);
  private final TaggedEvents<TextEvent> texts = new TaggedEvents<>(TextEvent::tag);
  private final List<GraphEvent> graphs = new CopyOnWriteArrayList<>();
  private final List<RunMetadataEvent> metadata = new CopyOnWriteArrayList<>();
  private final List<SessionEvent> sessions = new CopyOnWriteArrayList<>();

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

  TaggedEvents<HistogramEvent> histograms() {
    return histograms;
  }

  TaggedEvents<ImageEvent> images() {
    return images;
  }

  TaggedEvents<TextEvent> texts() {
    return texts;
  }

  List<GraphEvent> graphs() {
    return List.copyOf(graphs);
  }

  List<RunMetadataEvent> metadata() {
    return List.copyOf(metadata);
  }

  List<SessionEvent> sessions() {
    return List.copyOf(sessions);
  }

  /** Files whose end is an incomplete record that outlived a read, with the tail's description. */
  Map<Path, String> tornTails() {
    return Map.copyOf(tornReported);
  }

  /** Opens tails for log files that appeared in the run directory since the last call. */
  void discoverFiles() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        if (EventFiles.isEventFile(file)
            && Files.isRegularFile(file)
            && !tails.containsKey(file)
            && !broken.containsKey(file)) {
          try {
            tails.put(file, EventFiles.open(file));
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
    for (Map.Entry<Path, EventFileTail> entry : new ArrayList<>(tails.entrySet())) {
      List<? extends LogEvent> events;
      try {
        events = entry.getValue().poll();
      } catch (IOException | RuntimeException e) {
        markBroken(entry.getKey(), e);
        continue;
      }
      noteTornTail(entry.getKey(), entry.getValue().tornTail().orElse(null));
      for (LogEvent event : events) {
        // Java 17: no pattern switch yet, so an instanceof chain over the sealed kinds.
        if (event instanceof ScalarEvent scalar) {
          ScalarColumns columns =
              scalars.computeIfAbsent(scalar.tag(), tag -> new ScalarColumns(name, tag));
          sizeBefore.putIfAbsent(scalar.tag(), columns.size());
          columns.append(scalar.step(), scalar.wallTime(), scalar.value());
        } else if (event instanceof HistogramEvent histogram) {
          histograms.append(histogram);
        } else if (event instanceof ImageEvent image) {
          images.append(image);
        } else if (event instanceof TextEvent text) {
          texts.append(text);
        } else if (event instanceof GraphEvent graph) {
          graphs.add(graph);
        } else if (event instanceof RunMetadataEvent meta) {
          metadata.add(meta);
        } else if (event instanceof SessionEvent session) {
          sessions.add(session);
        }
      }
    }
    List<ScalarSeries> appended = new ArrayList<>();
    new TreeMap<>(sizeBefore).forEach((tag, before) -> appended.add(scalars.get(tag).since(before)));
    return appended;
  }

  private void noteTornTail(Path file, String torn) {
    if (torn == null) {
      tornLastRead.remove(file);
      tornReported.remove(file);
      return;
    }
    if (torn.equals(tornLastRead.put(file, torn)) && !torn.equals(tornReported.get(file))) {
      tornReported.put(file, torn);
      log.warn("Run '{}': {}; the complete records before it are read", name, torn);
    }
  }

  private void markBroken(Path file, Exception e) {
    EventFileTail tail = tails.remove(file);
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
    for (EventFileTail tail : tails.values()) {
      try {
        tail.close();
      } catch (IOException e) {
        log.debug("Closing {} failed", tail.file(), e);
      }
    }
    tails.clear();
  }
}
