package dev.runboard.logdir;

import dev.runboard.eventlog.EventFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One walk of a logdir: every directory that holds event files is a run, named by its path
 * relative to the logdir with '/' separators ("." for the logdir itself), as TensorBoard names
 * runs. Unreadable or vanishing directories are skipped, not fatal.
 */
public final class LogdirScan {
  /** A run directory and the size of each event file in it, by file name. */
  public record RunFiles(Path directory, Map<String, Long> sizes) {}

  private LogdirScan() {}

  /**
   * Walks the logdir, calling {@code onDirectory} for every directory (to watch it) and returning
   * the runs found, by name.
   */
  public static Map<String, RunFiles> walk(Path root, Consumer<Path> onDirectory) {
    return walk(root, root, onDirectory);
  }

  /** Walks only the part of the logdir below {@code start} (a directory that just appeared). */
  public static Map<String, RunFiles> walk(Path root, Path start, Consumer<Path> onDirectory) {
    Map<String, RunFiles> runs = new TreeMap<>();
    if (!Files.isDirectory(start)) {
      return runs;
    }
    try {
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              onDirectory.accept(dir);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && EventFiles.isEventFile(file)) {
                Path dir = file.getParent();
                runs.computeIfAbsent(runName(root, dir), n -> new RunFiles(dir, new TreeMap<>()))
                    .sizes()
                    .put(file.getFileName().toString(), attrs.size());
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE; // deleted during the walk, or not ours to read
            }
          });
    } catch (IOException e) {
      // Only the root itself can fail here (it vanished): an empty logdir for now.
    }
    return runs;
  }

  /** A run directory's name: relative to the logdir with '/' separators, "." for the logdir. */
  public static String runName(Path root, Path directory) {
    Path relative = root.relativize(directory);
    String name = relative.toString().replace(directory.getFileSystem().getSeparator(), "/");
    return name.isEmpty() ? "." : name;
  }
}
