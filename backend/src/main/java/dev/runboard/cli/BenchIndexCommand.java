package dev.runboard.cli;

import dev.runboard.bench.IndexBench;
import dev.runboard.bench.StreamFanoutBench;
import dev.runboard.stream.StreamHub;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.springframework.context.ConfigurableApplicationContext;
import java.io.PrintWriter;
import java.nio.file.Files;
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
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "The data layer's benchmarks (docs/PERFORMANCE.md), one line per case, then a summary:",
      "  runs:   many runs served by a real server process (listing, loading, RSS, idle CPU, files);",
      "  ingest: cold ingest of many points against the columnar scan of the same files;",
      "  m4:     M4 reads of 1 M- and 10 M-point series at 2,000 columns;",
      "  heap:   a server with -Xmx1g over the ingest logdir;",
      "  sse:    1,000 stream clients of one server, a writer at 500 points/s.",
      "Logdirs are generated under --work and deleted afterwards unless --keep."
    })
final class BenchIndexCommand implements Callable<Integer> {
  private static final Set<String> CASES = Set.of("runs", "ingest", "m4", "heap", "sse");

  @Spec CommandSpec spec;

  @Option(names = "--cases", split = ",", paramLabel = "CASE", defaultValue = "runs,ingest,m4,heap,sse",
      description = "Which cases to run (default: ${DEFAULT-VALUE}).")
  Set<String> cases;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "10000", description = "Runs for the runs case (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--tags", paramLabel = "N", defaultValue = "20", description = "Tags per run (default: ${DEFAULT-VALUE}).")
  int tags;

  @Option(names = "--points", paramLabel = "N", defaultValue = "100", description = "Points per tag (default: ${DEFAULT-VALUE}).")
  int points;

  @Option(names = "--ingest-points", paramLabel = "N", defaultValue = "100000000",
      description = "Points for the ingest and heap cases (default: ${DEFAULT-VALUE}).")
  long ingestPoints;

  @Mixin BenchWorkspace workspace;

  /**
   * Collects what the cases before left behind (the ingest case drops three indexes of 100 M
   * points), so that its collection does not land in the timing of the next case, which runs in
   * this JVM too.
   */
  private static void collectEarlierCases() {
    System.gc();
  }

  @Override
  public Integer call() throws Exception {
    BenchWorkspace.checkCases(spec, cases, CASES);
    if (runs < 1 || tags < 1 || points < 1 || ingestPoints < 1000) {
      throw new ParameterException(spec.commandLine(), "--runs, --tags and --points must be positive, --ingest-points at least 1000");
    }
    Path dir = workspace.open("index");
    PrintWriter out = spec.commandLine().getOut();
    IndexBench bench = new IndexBench(dir, out);
    try {
      if (cases.contains("runs")) {
        bench.manyRuns(runs, tags, points, "4g");
      }
      Path ingested = null;
      if (cases.contains("ingest")) {
        ingested = bench.ingest(ingestPoints, 20);
        bench.evictionVsSummary(ingested);
      }
      if (cases.contains("m4")) {
        collectEarlierCases();
        bench.m4(1_000_000, 10);
        bench.m4(10_000_000, 100);
      }
      if (cases.contains("heap")) {
        bench.smallHeap(ingested != null ? ingested : bench.ingest(ingestPoints, 20), ingestPoints);
      }
      if (cases.contains("sse")) {
        collectEarlierCases();
        // Written live by the case itself: never kept, since points of an earlier invocation in
        // the same run would reach the clients first and fail their every-step check.
        Path logdir = dir.resolve("sse");
        if (Files.exists(logdir)) {
          BenchWorkspace.deleteRecursively(logdir);
        }
        Files.createDirectories(logdir);
        ServerOptions server = new ServerOptions();
        server.logdir = logdir.toString();
        server.port = 0;
        server.host = "127.0.0.1";
        try (ConfigurableApplicationContext context = DashboardServer.start(server, spec)) {
          StreamFanoutBench fanout = new StreamFanoutBench(
              new InetSocketAddress("127.0.0.1", DashboardServer.port(context)), logdir, context.getBean(StreamHub.class));
          bench.sse(fanout.run("sse", new StreamFanoutBench.Config(1000, 500, Duration.ofSeconds(10))));
        }
      }
      return bench.summary() ? 0 : 1;
    } finally {
      workspace.close(dir);
    }
  }
}
