package dev.runboard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** What every bench that generates logdirs shares: where they go, whether they stay, which cases. */
final class BenchWorkspace {
  @Option(names = "--work", paramLabel = "DIR", description = "Where to generate logdirs (default: a new temporary directory).")
  Path work;

  @Option(names = "--keep", description = "Keep the generated logdirs (and reuse them on the next run with the same --work).")
  boolean keep;

  /** The directory to generate into: {@code --work}, created, or a new temporary one. */
  Path open(String bench) throws IOException {
    return work != null ? Files.createDirectories(work) : Files.createTempDirectory("runboard-bench-" + bench + "-");
  }

  /** Deletes what {@link #open} gave unless {@code --keep}. */
  void close(Path dir) throws IOException {
    if (!keep) {
      deleteRecursively(dir);
    }
  }

  static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Refuses a case name the bench does not know, naming those it does. */
  static void checkCases(CommandSpec spec, Collection<String> cases, Collection<String> known) {
    for (String c : cases) {
      if (!known.contains(c)) {
        throw new ParameterException(spec.commandLine(), "unknown case '" + c + "'; choose from " + known);
      }
    }
  }
}
