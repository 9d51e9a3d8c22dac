package dev.runboard.plugin.hparams;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The session table as CSV (RFC 4180, for spreadsheets and pandas) and as a LaTeX {@code tabular}
 * (booktabs rules, for papers; TensorBoard issues #1232, #4925, #2210). Columns: run, status,
 * every hyperparameter, every metric; a missing value is empty, a diverged one {@code NaN},
 * {@code inf} or {@code -inf}.
 */
public final class TableExport {
  private TableExport() {}

  public static String csv(SessionTable table) {
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>(List.of("run", "session_run", "status"));
    table.hparams().forEach(h -> header.add(h.name()));
    table.metrics().forEach(m -> header.add(m.key()));
    csvRow(out, header);
    for (Session s : table.sessions()) {
      List<String> row = new ArrayList<>(List.of(s.run(), s.sessionRun(), s.status()));
      table.hparams().forEach(h -> row.add(text(s.hparams().get(h.name()), false)));
      table.metrics().forEach(m -> {
        MetricValue v = s.metrics().get(m.key());
        row.add(v == null ? "" : text(v.value(), false));
      });
      csvRow(out, row);
    }
    return out.toString();
  }

  private static void csvRow(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String c = cells.get(i);
      if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
        out.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        out.append(c);
      }
    }
    out.append("\r\n");
  }

  public static String latex(SessionTable table) {
    StringBuilder out = new StringBuilder();
    int columns = 2 + table.hparams().size() + table.metrics().size();
    StringBuilder spec = new StringBuilder("ll");
    table.hparams().forEach(h -> spec.append(h.numeric() ? 'r' : 'l'));
    table.metrics().forEach(m -> spec.append('r'));
    out.append("% ").append(table.sessions().size()).append(" sessions, ").append(columns)
        .append(" columns; needs \\usepackage{booktabs}\n");
    out.append("\\begin{tabular}{").append(spec).append("}\n\\toprule\n");
    List<String> header = new ArrayList<>(List.of("Run", "Status"));
    table.hparams().forEach(h -> header.add(escape(h.name())));
    table.metrics().forEach(m -> header.add(escape(m.key())));
    out.append(String.join(" & ", header)).append(" \\\\\n\\midrule\n");
    for (Session s : table.sessions()) {
      List<String> row = new ArrayList<>(List.of(escape(s.run()), escape(s.status())));
      table.hparams().forEach(h -> row.add(escape(text(s.hparams().get(h.name()), true))));
      table.metrics().forEach(m -> {
        MetricValue v = s.metrics().get(m.key());
        row.add(v == null ? "--" : latexNumber(v.value()));
      });
      out.append(String.join(" & ", row)).append(" \\\\\n");
    }
    out.append("\\bottomrule\n\\end{tabular}\n");
    return out.toString();
  }

  /** Numbers as written (whole numbers without ".0"), or with 4 significant digits for LaTeX. */
  static String text(Object value, boolean short4) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      if (d.isNaN()) {
        return "NaN";
      }
      if (d.isInfinite()) {
        return d > 0 ? "inf" : "-inf";
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString(d.longValue());
      }
      return short4 ? String.format(Locale.ROOT, "%.4g", d) : Double.toString(d);
    }
    return value.toString();
  }

  private static String latexNumber(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "$\\infty$" : "$-\\infty$";
    }
    return text(v, true);
  }

  /** Escapes LaTeX's special characters in text mode. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&', '%', '$', '#', '_', '{', '}' -> out.append('\\').append(c);
        case '~' -> out.append("\\textasciitilde{}");
        case '^' -> out.append("\\textasciicircum{}");
        case '\\' -> out.append("\\textbackslash{}");
        case '\n', '\r' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
