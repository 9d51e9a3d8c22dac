package dev.runboard.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A benchmark's output: one line per case, goals checked along the way, a summary line last. */
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

  void check(boolean ok, String what) {
    if (!ok) {
      failures.add(what);
    }
  }

  /** The summary line: which goals were missed, if any. Returns whether every goal was met. */
  boolean summary() {
    line("summary: %s", failures.isEmpty() ? "every goal met" : "goals missed: " + String.join("; ", failures));
    return failures.isEmpty();
  }
}
