package dev.runboard.cli;

import dev.runboard.eventlog.SessionEvent;
import dev.runboard.inspect.LogdirInspector;
import dev.runboard.inspect.RunSummary;
import dev.runboard.inspect.TagSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Summarise every run of a logdir, as tensorboard --inspect does: per run and tag the kind,",
      "count, step range and last wall time; the sessions; torn tails and unreadable files.",
      "Exit status 1 when some file could not be read (the rest is still reported)."
    })
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--logdir",
      paramLabel = "DIR",
      defaultValue = "${env:RUNBOARD_LOGDIR:-./runs}",
      description = "Directory whose sub-directories are runs (default: $RUNBOARD_LOGDIR, else ./runs).")
  Path logdir;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(logdir)) {
      throw new ParameterException(spec.commandLine(), "--logdir " + logdir + " is not a directory");
    }
    PrintWriter out = spec.commandLine().getOut();
    List<RunSummary> runs = LogdirInspector.inspect(logdir);
    if (runs.isEmpty()) {
      out.println("No event files under " + logdir);
    }
    boolean errors = false;
    for (RunSummary run : runs) {
      print(run, out);
      errors |= !run.errors().isEmpty();
    }
    out.flush();
    return errors ? 1 : 0;
  }

  private static void print(RunSummary run, PrintWriter out) {
    out.printf(Locale.ROOT, "Run %s (%d file%s)%n", run.name(), run.files(), run.files() == 1 ? "" : "s");
    out.printf(Locale.ROOT, "  sessions: %d%s%n", countStarts(run.sessions()), describe(run.sessions()));
    if (!run.tags().isEmpty()) {
      int tagWidth = Math.max(3, run.tags().stream().mapToInt(t -> t.tag().length()).max().orElse(3));
      out.printf(Locale.ROOT, "  %-12s %-" + tagWidth + "s %10s  %-25s %s%n", "kind", "tag", "count", "steps", "last wall time");
      for (TagSummary tag : run.tags()) {
        out.printf(
            Locale.ROOT,
            "  %-12s %-" + tagWidth + "s %10d  %-25s %s%n",
            tag.kind(), tag.tag(), tag.count(),
            tag.untagged() ? "-" : tag.minStep() + ".." + tag.maxStep(),
            Instant.ofEpochMilli(Math.round(tag.lastWallTime() * 1000)));
      }
    }
    for (String torn : run.tornTails()) {
      out.println("  WARNING torn tail: " + torn);
    }
    for (String error : run.errors()) {
      out.println("  ERROR unreadable: " + error);
    }
  }

  private static long countStarts(List<SessionEvent> sessions) {
    return sessions.stream().filter(s -> s.kind() == SessionEvent.Kind.START).count();
  }

  /** " (START@0 … STOP@99, START@50 … not closed)": how each session began and ended. */
  private static String describe(List<SessionEvent> sessions) {
    if (sessions.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(" (");
    boolean open = false;
    for (SessionEvent s : sessions) {
      if (s.kind() == SessionEvent.Kind.START) {
        if (open) {
          text.append(" … not closed, ");
        }
        text.append("START@").append(s.step());
        open = true;
      } else if (s.kind() == SessionEvent.Kind.STOP) {
        text.append(" … STOP@").append(s.step()).append(", ");
        open = false;
      } else {
        text.append(" ").append(s.kind()).append("@").append(s.step());
      }
    }
    if (open) {
      text.append(" … not closed");
    }
    String result = text.toString();
    if (result.endsWith(", ")) {
      result = result.substring(0, result.length() - 2);
    }
    return result + ")";
  }
}
