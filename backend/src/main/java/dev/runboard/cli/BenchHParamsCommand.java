package dev.runboard.cli;

import dev.runboard.bench.HParamsBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "hparams",
    mixinStandardHelpOptions = true,
    description = {
      "The hparams API over a synthetic search (N sessions x 10 hparams x 5 metrics, TensorBoard",
      "hparams records) served by a real server in this process: median and p90 of GET",
      "/api/v1/hparams against GET /api/v1/runs of the same logdir (docs/PERFORMANCE.md)."
    })
final class BenchHParamsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--sessions", paramLabel = "N", defaultValue = "2000", description = "Sessions (default: ${DEFAULT-VALUE}).")
  int sessions;

  @Option(names = "--repeats", paramLabel = "N", defaultValue = "30", description = "Timed requests per case (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("runboard-bench-hparams");
    try {
      new HParamsBench(sessions, repeats).run(work, spec.commandLine().getOut());
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary directory left behind is harmless
      }
    }
    return 0;
  }
}
