package dev.runboard.cli;

import dev.runboard.bench.StreamLatencyBench;
import dev.runboard.trainer.bench.TrainerBench;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks; results and how to read them are in docs/PERFORMANCE.md.",
    subcommands = {BenchCommand.Stream.class, BenchCommand.Trainer.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing benchmark: choose stream or trainer");
  }

  @Command(
      name = "trainer",
      mixinStandardHelpOptions = true,
      description = {
        "OpenBLAS sgemm GFLOP/s and the seed CNN's training throughput, measured in one run.",
        "Last line: sgemm_gflops=<x> train_gflops=<y> ratio=<y/x>"
      })
  static final class Trainer implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "64", description = "Training batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "100", description = "Timed training steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup-steps", paramLabel = "N", defaultValue = "30", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    int warmupSteps;

    @Option(names = "--gemm-size", paramLabel = "N", defaultValue = "2048", description = "Side of the square sgemm (default: ${DEFAULT-VALUE}).")
    int gemmSize;

    @Option(
        names = "--input",
        paramLabel = "HxWxC",
        defaultValue = "28x28x1",
        description = "Image shape of the seed CNN: 28x28x1 (Fashion-MNIST, default) or 32x32x3 (CIFAR-10).")
    String input;

    @Override
    public Integer call() throws Exception {
      String[] parts = input.split("x");
      if (parts.length != 3 || batchSize < 1 || steps < 1 || warmupSteps < 0 || gemmSize < 1) {
        throw new ParameterException(spec.commandLine(), "invalid bench settings (--input like 28x28x1, positive sizes)");
      }
      int height;
      int width;
      int channels;
      try {
        height = Integer.parseInt(parts[0]);
        width = Integer.parseInt(parts[1]);
        channels = Integer.parseInt(parts[2]);
      } catch (NumberFormatException e) {
        throw new ParameterException(spec.commandLine(), "--input must look like 28x28x1, was " + input);
      }
      java.io.PrintStream out = System.out;
      TrainerBench.Result r =
          TrainerBench.run(
              new TrainerBench.Settings(gemmSize, height, width, channels, batchSize, warmupSteps, steps), out);
      out.printf(
          java.util.Locale.ROOT, "sgemm_gflops=%.2f train_gflops=%.2f ratio=%.3f%n",
          r.sgemmGflops(), r.trainGflops(), r.ratio());
      return 0;
    }
  }

  @Command(
      name = "stream",
      mixinStandardHelpOptions = true,
      description = {
        "Latency from a log writer's flush to the point's arrival at an SSE subscriber,",
        "through a real server on a free local port and a temporary logdir."
      })
  static final class Stream implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--points", paramLabel = "N", defaultValue = "200", description = "Points to time (default: ${DEFAULT-VALUE}).")
    int points;

    @Override
    public Integer call() throws Exception {
      if (points < 1) {
        throw new ParameterException(spec.commandLine(), "--points must be at least 1");
      }
      Path logdir = Files.createTempDirectory("runboard-bench-");
      ServerOptions server = new ServerOptions();
      server.logdir = logdir;
      server.port = 0;
      server.host = "127.0.0.1";
      try (ConfigurableApplicationContext context = DashboardServer.start(server, spec)) {
        int port = DashboardServer.port(context);
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/stream");
        double[] latencies = new StreamLatencyBench(uri, logdir.resolve("bench")).measure(points, 1);
        StreamLatencyBench.report(latencies, spec.commandLine().getOut());
      } finally {
        deleteRecursively(logdir);
      }
      return 0;
    }

    private static void deleteRecursively(Path root) throws IOException {
      try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
