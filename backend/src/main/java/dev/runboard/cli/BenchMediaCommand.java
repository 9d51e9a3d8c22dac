package dev.runboard.cli;

import dev.runboard.bench.MediaBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "media",
    mixinStandardHelpOptions = true,
    description = {
      "The media dashboards' benchmarks (docs/PERFORMANCE.md), one line per case, then a summary,",
      "each through a real server process:",
      "  histograms: GET /api/v1/histograms?steps=50 on a tag of 10,000 steps x 30 buckets;",
      "  images:     server memory over >= 1 GB of images against as many 1 KB images.",
      "Logdirs are generated under --work and deleted afterwards unless --keep."
    })
final class BenchMediaCommand implements Callable<Integer> {
  private static final Set<String> CASES = Set.of("histograms", "images");

  @Spec CommandSpec spec;

  @Option(names = "--cases", split = ",", paramLabel = "CASE", defaultValue = "histograms,images",
      description = "Which cases to run (default: ${DEFAULT-VALUE}).")
  Set<String> cases;

  @Option(names = "--steps", paramLabel = "N", defaultValue = "10000", description = "Histogram steps (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--images", paramLabel = "N", defaultValue = "1100", description = "Images (default: ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--image-bytes", paramLabel = "N", defaultValue = "1000000",
      description = "Bytes per image of the large logdir (default: ${DEFAULT-VALUE}).")
  int imageBytes;

  @Mixin BenchWorkspace workspace;

  @Override
  public Integer call() throws Exception {
    BenchWorkspace.checkCases(spec, cases, CASES);
    if (steps < 1 || images < 1 || imageBytes < 1024) {
      throw new ParameterException(spec.commandLine(), "--steps and --images must be positive, --image-bytes at least 1024");
    }
    Path dir = workspace.open("media");
    PrintWriter out = spec.commandLine().getOut();
    MediaBench bench = new MediaBench(dir, out);
    try {
      if (cases.contains("histograms")) {
        bench.histograms(steps, 30, 20);
      }
      if (cases.contains("images")) {
        bench.images(images, imageBytes, "512m");
      }
      return bench.summary() ? 0 : 1;
    } finally {
      try {
        workspace.close(dir);
      } catch (IOException e) {
        out.println("could not delete " + dir + ": " + e.getMessage());
      }
    }
  }
}
