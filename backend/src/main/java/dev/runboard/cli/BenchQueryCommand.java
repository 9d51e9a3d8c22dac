package dev.runboard.cli;

import dev.runboard.bench.QueryBench;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "The scalar query API's benchmarks (docs/PERFORMANCE.md), over HTTP against a real server",
      "process; one line per case, then a summary:",
      "  m4:     1 M- and 10 M-point series at points=2000, with and without EMA smoothing,",
      "          beside the full-resolution JSON;",
      "  groups: 100 runs x 10,000 points as mean +- std on 2,000 columns, beside one batch;",
      "  batch:  50 runs x 30 tags as one batch request against 1,500 single requests.",
      "Medians of 20 requests after 5 for warm-up. The logdir is generated under --work and",
      "deleted afterwards unless --keep."
    })
final class BenchQueryCommand implements Callable<Integer> {
  private static final Set<String> CASES = Set.of("m4", "groups", "batch");

  @Spec CommandSpec spec;

  @Option(names = "--cases", split = ",", paramLabel = "CASE", defaultValue = "m4,groups,batch",
      description = "Which cases to run (default: ${DEFAULT-VALUE}).")
  List<String> cases;

  @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "4g", description = "The server's -Xmx (default: ${DEFAULT-VALUE}).")
  String heap;

  @Mixin BenchWorkspace workspace;

  @Override
  public Integer call() throws Exception {
    BenchWorkspace.checkCases(spec, cases, CASES);
    Path dir = workspace.open("query");
    try (QueryBench bench = new QueryBench(dir, spec.commandLine().getOut())) {
      bench.start(cases, heap);
      if (cases.contains("m4")) {
        bench.m4();
      }
      if (cases.contains("groups")) {
        bench.groups();
      }
      if (cases.contains("batch")) {
        bench.batch();
      }
      return bench.summary() ? 0 : 1;
    } finally {
      workspace.close(dir);
    }
  }
}
