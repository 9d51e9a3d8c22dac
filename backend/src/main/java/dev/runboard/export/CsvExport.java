package dev.runboard.export;

import dev.runboard.logdir.Logdir;
import dev.runboard.plugin.RunInfo;
import dev.runboard.plugin.ScalarSeries;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;

/**
 * Every scalar point of a logdir as CSV ({@code run,tag,step,wall_time,value}), runs and tags in
 * name order, points in logged order. Numbers are written without exponents where that is exact,
 * and NaN / infinities as {@code NaN}, {@code inf}, {@code -inf}, which pandas and Python read.
 */
public final class CsvExport {
  public static final String HEADER = "run,tag,step,wall_time,value";

  private CsvExport() {}

  public static long write(Logdir logdir, Writer out) throws IOException {
    long rows = 0;
    out.write(HEADER);
    out.write('\n');
    for (RunInfo run : logdir.runs()) {
      String runField = field(run.name());
      for (String tag : logdir.scalarTags(run.name())) {
        String prefix = runField + ',' + field(tag) + ',';
        ScalarSeries series = logdir.scalars(run.name(), tag).orElseThrow();
        for (int i = 0; i < series.size(); i++) {
          out.write(prefix);
          out.write(Long.toString(series.steps()[i]));
          out.write(',');
          out.write(number(series.wallTimes()[i]));
          out.write(',');
          out.write(number(series.values()[i]));
          out.write('\n');
          rows++;
        }
      }
    }
    out.flush();
    return rows;
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
