package dev.runboard.scalars;

import dev.runboard.data.DataClass;
import dev.runboard.data.DataProvider;
import dev.runboard.data.RunInfo;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.ScalarQuery;
import dev.runboard.data.ScalarSeries;
import dev.runboard.data.XAxis;
import dev.runboard.web.BadRequestException;
import dev.runboard.web.NotFoundException;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/scalars?run=R&tag=T}: one scalar series, every point at full resolution, or
 * with {@code points=N} downsampled with M4 to N pixel columns ({@code x} and {@code from}/{@code
 * to} choose the axis and range).
 */
@RestController
@RequestMapping("/api/v1")
class ScalarsController {
  static final int MAX_POINTS = 20_000;

  private final DataProvider data;

  ScalarsController(DataProvider data) {
    this.data = data;
  }

  @GetMapping("/scalars")
  ScalarsJson scalars(
      @RequestParam String run,
      @RequestParam String tag,
      @RequestParam(required = false) String points,
      @RequestParam(required = false, defaultValue = "step") String x,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    ScalarQuery query = query(points, x, from, to);
    RunInfo info = data.run(run).orElseThrow(() -> new NotFoundException("unknown run '" + run + "'"));
    if (!info.tags(DataClass.SCALARS, null).contains(tag)) {
      throw new NotFoundException("run '" + run + "' has no scalar tag '" + tag + "'"
          + (info.loaded() ? "" : " (the run is still loading)"));
    }
    List<ScalarSeries> read = data.readScalars(RunTagFilter.one(run, tag), query);
    if (read.isEmpty()) {
      throw new NotFoundException("run '" + run + "' has no scalar tag '" + tag + "'");
    }
    return ScalarsJson.of(read.get(0));
  }

  private static ScalarQuery query(String points, String x, String from, String to) {
    int columns = 0;
    if (points != null) {
      columns = (int) integer("points", points);
      if (columns < 1 || columns > MAX_POINTS) {
        throw new BadRequestException("points", "must be between 1 and " + MAX_POINTS + ", was " + points);
      }
    }
    XAxis axis;
    try {
      axis = XAxis.valueOf(x.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("x", "must be step, relative or wall, was '" + x + "'");
    }
    double lo = from == null ? Double.NaN : number("from", from);
    double hi = to == null ? Double.NaN : number("to", to);
    if (lo > hi) {
      throw new BadRequestException("from", "must not be greater than to (" + from + " > " + to + ")");
    }
    return new ScalarQuery(axis, lo, hi, columns, -1);
  }

  private static long integer(String name, String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new BadRequestException(name, "is not an integer: '" + text + "'");
    }
  }

  private static double number(String name, String text) {
    try {
      double v = Double.parseDouble(text.trim());
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new BadRequestException(name, "is not a finite number: '" + text + "'");
    }
  }
}
