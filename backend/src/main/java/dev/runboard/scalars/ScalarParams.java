package dev.runboard.scalars;

import dev.runboard.data.XAxis;
import dev.runboard.scalars.smoothing.Smoothing;
import dev.runboard.web.BadRequestException;
import java.util.Locale;
import java.util.function.Function;

/**
 * The optional parameters of a scalar read, validated: the same for {@code GET /api/v1/scalars},
 * each entry of the batch and the groups.
 *
 * @param points pixel columns for M4 downsampling, 0 for every point
 * @param axis the axis of {@code from}, {@code to}, the columns and the time-weighted smoothing
 * @param from smallest x, NaN for none
 * @param to largest x, NaN for none
 * @param smoothing null for none
 */
public record ScalarParams(int points, XAxis axis, double from, double to, Smoothing smoothing, RestartMode restarts) {
  public static final int MAX_POINTS = 20_000;
  public static final ScalarParams DEFAULTS =
      new ScalarParams(0, XAxis.STEP, Double.NaN, Double.NaN, null, RestartMode.ALL);

  /**
   * Reads the parameters by name, over defaults.
   *
   * @param value a parameter's text by its name, null when absent
   * @param prefix put before parameter names in errors ({@code requests[3].}), or ""
   * @throws BadRequestException naming the parameter
   */
  static ScalarParams parse(Function<String, String> value, ScalarParams defaults, String prefix) {
    int points = defaults.points;
    String p = value.apply("points");
    if (p != null) {
      long n = integer(prefix + "points", p);
      if (n < 1 || n > MAX_POINTS) {
        throw new BadRequestException(prefix + "points", "must be between 1 and " + MAX_POINTS + ", was " + p);
      }
      points = (int) n;
    }
    XAxis axis = defaults.axis;
    String x = value.apply("x");
    if (x != null) {
      try {
        axis = XAxis.valueOf(x.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException(prefix + "x", "must be step, relative or wall, was '" + x + "'");
      }
    }
    String f = value.apply("from");
    String t = value.apply("to");
    double from = f == null ? defaults.from : number(prefix + "from", f);
    double to = t == null ? defaults.to : number(prefix + "to", t);
    if (from > to) {
      throw new BadRequestException(prefix + "from", "must not be greater than to (" + from + " > " + to + ")");
    }
    Smoothing smoothing = defaults.smoothing;
    String s = value.apply("smoothing");
    if (s != null) {
      if (s.isBlank() || s.trim().equalsIgnoreCase("none")) {
        smoothing = null;
      } else {
        try {
          smoothing = Smoothing.parse(s);
        } catch (IllegalArgumentException e) {
          throw new BadRequestException(prefix + "smoothing", e.getMessage());
        }
      }
    }
    RestartMode restarts = defaults.restarts;
    String r = value.apply("restarts");
    if (r != null) {
      try {
        restarts = RestartMode.valueOf(r.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException(prefix + "restarts", "must be all or latest, was '" + r + "'");
      }
    }
    return new ScalarParams(points, axis, from, to, smoothing, restarts);
  }

  static long integer(String name, String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new BadRequestException(name, "is not an integer: '" + text + "'");
    }
  }

  static double number(String name, String text) {
    try {
      double v = Double.parseDouble(text.trim());
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequestException(name, "is not a finite number: '" + text + "'");
  }
}
