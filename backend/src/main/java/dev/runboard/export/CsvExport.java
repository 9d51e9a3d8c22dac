package dev.runboard.export;

import dev.runboard.data.DataClass;
import dev.runboard.data.PluginNames;
import dev.runboard.index.IndexOptions;
import dev.runboard.logdir.LogdirBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;

/**
 * Every scalar point of a logdir as CSV ({@code run,tag,step,wall_time,value}), runs and tags in
 * name order, points in logged order, written run by run and series by series as they are read,
 * so memory does not grow with the logdir. Numbers are written without exponents where that is
 * exact, and NaN / infinities as {@code NaN}, {@code inf}, {@code -inf}, which pandas and Python
 * read.
 */
public final class CsvExport {
  public static final String HEADER = "run,tag,step,wall_time,value";

  private CsvExport() {}

  /** Writes the export of the options' local logdir; returns the number of rows. */
  public static long write(IndexOptions options, Writer out) throws IOException {
    return write(LogdirBatch.listLocal(options.root()), options, out);
  }

  /** Writes the export of the listed runs (of any logdir); returns the number of rows. */
  public static long write(LogdirBatch.Runs runs, IndexOptions options, Writer out) throws IOException {
    long[] rows = {0};
    out.write(HEADER);
    out.write('\n');
    LogdirBatch.forEachRun(runs, options, (run, index) -> {
      String runField = field(run.name());
      for (String tag : run.tags(DataClass.SCALARS, PluginNames.SCALARS)) {
        String prefix = runField + ',' + field(tag) + ',';
        try {
          index.scanScalars(run.name(), tag, (steps, walls, values, n, first) -> {
            try {
              for (int i = 0; i < n; i++) {
                out.write(prefix);
                out.write(Long.toString(steps[i]));
                out.write(',');
                out.write(number(walls[i]));
                out.write(',');
                out.write(number(values[i]));
                out.write('\n');
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            rows[0] += n;
          });
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
    });
    out.flush();
    return rows[0];
  }

  /** RFC 4180 quoting: only when the text holds a comma, quote or line break. */
  static String field(String text) {
    boolean quote = false;
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    String shortest = Double.toString(value);
    if (shortest.indexOf('E') < 0) {
      return shortest;
    }
    // Wall times (1.7E9) read better in plain notation; keep exponents for tiny or huge values.
    double magnitude = Math.abs(value);
    return magnitude >= 1e-4 && magnitude < 1e16 ? new BigDecimal(shortest).toPlainString() : shortest;
  }
}
