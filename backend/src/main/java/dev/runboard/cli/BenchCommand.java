package dev.runboard.cli;

import dev.runboard.bench.StreamFanoutBench;
import dev.runboard.stream.StreamHub;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
    subcommands = {BenchCommand.Stream.class, BenchTfEventsCommand.class, BenchTrainerCommand.class, BenchIndexCommand.class,
        BenchQueryCommand.class, BenchHParamsCommand.class, BenchMediaCommand.class, BenchTeamCommand.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing benchmark: choose stream, tfevents, trainer, index, query, hparams, media or team");
  }

  @Command(
      name = "stream",
      mixinStandardHelpOptions = true,
      description = {
        "Fan-out of the event stream: N SSE clients on loopback subscribe to a run of a real server",
        "(free local port, temporary logdir) while a log writer adds --rate points/s to it for",
        "--seconds. One line per client count: points sent, clients that got every point / a",
        "resync / neither, latency writer-to-client (end to end) and hub-to-client, server threads",
        "idle / peak / after; then a summary line."
      })
  static final class Stream implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--clients",
        paramLabel = "N[,N...]",
        split = ",",
        defaultValue = "1",
        description = "Concurrent clients; several counts measure one after the other (default: ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "500", description = "Points per second the writer logs (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10", description = "How long the writer writes, per client count (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Override
    public Integer call() throws Exception {
      if (clients.stream().anyMatch(n -> n < 1) || rate < 1 || seconds < 1) {
        throw new ParameterException(spec.commandLine(), "--clients, --rate and --seconds must be at least 1");
      }
      PrintWriter out = spec.commandLine().getOut();
      Path logdir = Files.createTempDirectory("runboard-bench-");
      ServerOptions server = new ServerOptions();
      server.logdir = logdir.toString();
      server.port = 0;
      server.host = "127.0.0.1";
      try (ConfigurableApplicationContext context = DashboardServer.start(server, spec)) {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", DashboardServer.port(context));
        StreamFanoutBench bench = new StreamFanoutBench(address, logdir, context.getBean(StreamHub.class));
        List<StreamFanoutBench.Result> results = new ArrayList<>();
        for (int n : clients) {
          StreamFanoutBench.Config config = new StreamFanoutBench.Config(n, rate, Duration.ofSeconds(seconds));
          StreamFanoutBench.Result result = bench.run("fanout-" + n + "-" + results.size(), config);
          StreamFanoutBench.report(result, out);
          results.add(result);
        }
        StreamFanoutBench.summary(results, out);
        return results.stream().allMatch(StreamFanoutBench.Result::everyClientEveryPointOrResync) ? 0 : 1;
      } finally {
        BenchWorkspace.deleteRecursively(logdir);
      }
    }
  }
}
