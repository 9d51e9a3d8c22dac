package dev.runboard.cli;

import dev.runboard.bench.StreamLatencyBench;
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
    subcommands = {BenchCommand.Stream.class, BenchTfEventsCommand.class, BenchTrainerCommand.class, BenchIndexCommand.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing benchmark: choose stream, tfevents, trainer or index");
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
      server.logdir = logdir.toString();
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
