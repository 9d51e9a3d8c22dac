package dev.runboard.logdir;

import dev.runboard.eventlog.EventFiles;
import dev.runboard.plugin.RunInfo;
import dev.runboard.plugin.ScalarSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A log directory: every directory below it that holds log files is a run, named by its path
 * relative to the logdir ("." for the logdir itself), as in TensorBoard.
 *
 * <p>{@link #scan()} and {@link #read()} are called by one indexing thread; the query methods may
 * be called from any thread.
 */
public final class Logdir implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Logdir.class);

  private final Path root;
  private final ConcurrentSkipListMap<String, Run> runs = new ConcurrentSkipListMap<>();
  private boolean reportedMissing;

  public Logdir(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** Finds new runs and new log files in known runs; returns the runs that are new. */
  public List<RunInfo> scan() {
    if (!Files.isDirectory(root)) {
      if (!reportedMissing) {
        log.warn("Logdir {} does not exist (yet); runs will appear once it does", root);
        reportedMissing = true;
      }
      return List.of();
    }
    reportedMissing = false;
    Set<Path> runDirectories = new LinkedHashSet<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && EventFiles.isEventFile(file)) {
                runDirectories.add(file.getParent());
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              // A directory we may not read, or one deleted during the walk: skip it.
              log.debug("Cannot read {}: {}", file, e.toString());
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("scanning logdir " + root + " failed", e);
    }
    List<RunInfo> added = new ArrayList<>();
    for (Path directory : runDirectories) {
      String name = runName(directory);
      Run run = runs.get(name);
      if (run == null) {
        run = new Run(name, directory);
        runs.put(name, run);
        added.add(new RunInfo(name));
      }
      try {
        run.discoverFiles();
      } catch (IOException e) {
        log.warn("Cannot list run directory {}: {}", directory, e.toString());
      }
    }
    return added;
  }

  /** Reads new data from every known log file; returns the appended points per run and tag. */
  public List<ScalarSeries> read() {
    List<ScalarSeries> appended = new ArrayList<>();
    for (Run run : runs.values()) {
      appended.addAll(run.readNewData());
    }
    return appended;
  }

  public List<RunInfo> runs() {
    return runs.keySet().stream().map(RunInfo::new).toList();
  }

  public boolean hasRun(String run) {
    return runs.containsKey(run);
  }

  public List<String> scalarTags(String run) {
    Run r = runs.get(run);
    return r == null ? List.of() : r.scalarTags();
  }

  public Optional<ScalarSeries> scalars(String run, String tag) {
    Run r = runs.get(run);
    return r == null ? Optional.empty() : r.scalars(tag);
  }

  private String runName(Path directory) {
    Path relative = root.relativize(directory);
    String name = relative.toString().replace(directory.getFileSystem().getSeparator(), "/");
    return name.isEmpty() ? "." : name;
  }

  @Override
  public void close() {
    runs.values().forEach(Run::close);
  }
}
