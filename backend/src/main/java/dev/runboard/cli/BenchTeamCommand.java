package dev.runboard.cli;

import dev.runboard.bench.TeamLoadBench;
import dev.runboard.eventlog.s3.S3Location;
import dev.runboard.eventlog.s3.S3WriterOptions;
import dev.runboard.logdir.LogdirSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "team",
    mixinStandardHelpOptions = true,
    description = {
      "Several dashboard replicas on one object store under many viewers (docs/PERFORMANCE.md):",
      "--replicas 'runboard serve' processes read the s3:// --logdir, each on its own; per case,",
      "N viewers per replica load the page (then every --page-interval) and hold an event stream",
      "while a writer logs --rate points/s into a new run through the store for --seconds.",
      "One line per viewer count: points, viewers that got every point / a resync / neither, lost",
      "streams, delivery latency (writer to viewer), page loads, errors and latency; then a",
      "summary line with the largest case against the first. Credentials: the AWS default chain."
    })
final class BenchTeamCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--logdir", paramLabel = "S3_URI", required = true,
      description = "s3://bucket/prefix the replicas serve and the writer writes into (the bucket must exist).")
  String logdir;

  @Mixin S3EndpointOption s3;

  @Option(names = "--replicas", paramLabel = "N", defaultValue = "2", description = "Dashboard processes (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--viewers", paramLabel = "N[,N...]", split = ",", defaultValue = "1,100",
      description = "Viewers per replica, one case each; the first is the baseline (default: ${DEFAULT-VALUE}).")
  List<Integer> viewers;

  @Option(names = "--rate", paramLabel = "R", defaultValue = "20", description = "Points per second the writer logs (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "40", description = "How long the writer writes, per case (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--poll-interval", paramLabel = "MS", defaultValue = "1000",
      description = "How often the replicas list the store, ms (default: ${DEFAULT-VALUE}).")
  long pollMillis;

  @Option(names = "--flush-interval", paramLabel = "MS", defaultValue = "1000",
      description = "How often the writer uploads a segment, ms (default: ${DEFAULT-VALUE}).")
  long flushMillis;

  @Option(names = "--page-interval", paramLabel = "S", defaultValue = "5",
      description = "Each viewer loads the page again this often, s (default: ${DEFAULT-VALUE}).")
  int pageSeconds;

  @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "512m", description = "Each replica's -Xmx (default: ${DEFAULT-VALUE}).")
  String heap;

  @Mixin BenchWorkspace workspace;

  @Override
  public Integer call() throws Exception {
    if (!LogdirSource.isS3(logdir)) {
      throw new ParameterException(spec.commandLine(), "--logdir must be s3://bucket/prefix, was " + logdir);
    }
    if (replicas < 1 || viewers.stream().anyMatch(n -> n < 1) || rate < 1 || seconds < 1 || pollMillis < 1
        || flushMillis < 1 || pageSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--replicas, --viewers, --rate, --seconds and the intervals must be positive");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path work = workspace.open("team");
    S3WriterOptions upload = S3WriterOptions.defaults()
        .withSettings(s3.settings())
        .withStagingDirectory(work.resolve("writer-staging"))
        .withFlushInterval(Duration.ofMillis(flushMillis));
    List<String> serve = s3.endpoint == null ? List.of() : List.of("--s3-endpoint", s3.endpoint.toString());
    String session = Long.toString(System.currentTimeMillis(), 36);
    try (TeamLoadBench bench = TeamLoadBench.start(S3Location.parse(logdir), serve, replicas, heap,
        Duration.ofMillis(pollMillis), work, upload)) {
      List<TeamLoadBench.Result> results = new ArrayList<>();
      for (int n : viewers) {
        TeamLoadBench.Config config = new TeamLoadBench.Config(n, rate, Duration.ofSeconds(seconds), Duration.ofSeconds(pageSeconds));
        TeamLoadBench.Result result = bench.run("team-" + session + "-" + results.size() + "-" + n, config);
        TeamLoadBench.report(result, out);
        results.add(result);
      }
      TeamLoadBench.summary(results, out);
      return results.stream().allMatch(TeamLoadBench.Result::ok) ? 0 : 1;
    } finally {
      workspace.close(work);
    }
  }
}
