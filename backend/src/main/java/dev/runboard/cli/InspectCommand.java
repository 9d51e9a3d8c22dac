package dev.runboard.cli;

import static dev.runboard.inspect.ControlCharacters.escape;

import dev.runboard.data.Problem;
import dev.runboard.data.SeriesInfo;
import dev.runboard.data.SessionInfo;
import dev.runboard.inspect.LogdirInspector;
import dev.runboard.inspect.RunSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Summarise every run of a logdir, as tensorboard --inspect does: per run and tag the plugin,",
      "count, step range and last wall time; the sessions; torn tails and damaged files.",
      "Exit status 1 when some file is damaged or unreadable (the rest is still reported)."
    })
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ExistingLogdirOption logdirOption;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<RunSummary> runs;
    String location;
    try (ExistingLogdirOption.Listed logdir = logdirOption.list()) {
      location = logdir.location();
      runs = LogdirInspector.inspect(logdir.runs());
    }
    if (runs.isEmpty()) {
      out.println("No event files under " + escape(location));
    }
    boolean damaged = false;
    for (RunSummary run : runs) {
      print(run, out);
      damaged |= !run.problems().isEmpty();
    }
    out.flush();
    return damaged ? 1 : 0;
  }

  private static void print(RunSummary summary, PrintWriter out) {
    var run = summary.run();
    out.printf(Locale.ROOT, "Run %s (%d file%s)%n", escape(run.name()), summary.files(),
        summary.files() == 1 ? "" : "s");
    out.printf(Locale.ROOT, "  sessions: %d%s%n", run.sessions().size(), describe(run.sessions()));
    List<SeriesInfo> series = run.series();
    if (!series.isEmpty()) {
      int tagWidth = Math.max(3, series.stream().mapToInt(s -> escape(s.tag()).length()).max().orElse(3));
      out.printf(Locale.ROOT, "  %-12s %-" + tagWidth + "s %10s  %-25s %s%n", "plugin", "tag", "count", "steps",
          "last wall time");
      for (SeriesInfo s : series) {
        out.printf(
            Locale.ROOT,
            "  %-12s %-" + tagWidth + "s %10d  %-25s %s%n",
            escape(s.pluginName()), escape(s.tag()), s.count(), s.minStep() + ".." + s.maxStep(),
            Instant.ofEpochMilli(Math.round(s.lastWallTime() * 1000)));
      }
    }
    for (String torn : summary.tornTails()) {
      out.println("  WARNING torn tail: " + escape(torn));
    }
    for (Problem p : summary.problems()) {
      out.println("  ERROR " + escape(p.file()) + (p.offset() >= 0 ? " at byte " + p.offset() : "")
          + ": " + escape(p.message()));
    }
  }

  /** " (step 0, resumed at step 5)": where each writer session started. */
  private static String describe(List<SessionInfo> sessions) {
    if (sessions.isEmpty()) {
      return "";
    }
    StringJoiner text = new StringJoiner(", ", " (", ")");
    boolean first = true;
    for (SessionInfo s : sessions) {
      text.add((first ? "started at step " : "resumed at step ") + s.resumeStep());
      first = false;
    }
    return text.toString();
  }
}
