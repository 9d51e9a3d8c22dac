package dev.runboard.eventlog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Temporary run directories for the benchmarks. */
final class BenchFiles {
  private BenchFiles() {}

  static void deleteRecursively(Path directory) throws IOException {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }

  static List<Path> scalarSegments(Path runDirectory) throws IOException {
    try (Stream<Path> files = Files.list(runDirectory)) {
      return files
          .filter(f -> f.getFileName().toString().contains(".scalar."))
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
