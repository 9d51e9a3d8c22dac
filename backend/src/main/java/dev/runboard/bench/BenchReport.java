package dev.runboard.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A benchmark's output: one line per case as it ends, the goals missed, and a summary line last. */
final class BenchReport {
  private final PrintWriter out;
  private final List<String> failures = new ArrayList<>();

  BenchReport(PrintWriter out) {
    this.out = out;
  }

  void line(String text, Object... args) {
    out.println(String.format(Locale.ROOT, text, args));
    out.flush();
  }

  /** Records a goal missed when {@code ok} is false. */
  void check(boolean ok, String what) {
    if (!ok) {
      failures.add(what);
    }
  }

  /** Prints the summary line (which goals were missed, if any); true when none was. */
  boolean summary() {
    line("summary: %s", failures.isEmpty() ? "every goal met" : "goals missed: " + String.join("; ", failures));
    return failures.isEmpty();
  }
}
