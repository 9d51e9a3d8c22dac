package dev.runboard.plugin.scalars;

import dev.runboard.plugin.ViewState;
import elemental.json.Json;
import elemental.json.JsonObject;
import java.util.Locale;
import java.util.Set;

/**
 * How the scalars dashboard draws every card, as the URL keeps it: smoothing (kind and the
 * slider's value), x-axis, log scales, outliers, grouping. Each key is left out of the URL while
 * it has its default, so a plain link shows TensorBoard's defaults (EMA 0.6, step axis).
 *
 * @param smoothingKind ema, twema, gauss, mean or none
 * @param smoothing the slider, 0 to 0.999: the EMA weight, or σ = 50 × it points (gauss), or
 *     K = 100 × it points (mean)
 * @param groupBy null, or a regular expression over run names, or {@code hparam:NAME}
 * @param band std or minmax
 */
record ScalarsSettings(
    String smoothingKind,
    double smoothing,
    String x,
    boolean logY,
    boolean logX,
    boolean outliers,
    String groupBy,
    String band,
    boolean showRuns) {
  static final Set<String> KINDS = Set.of("ema", "twema", "gauss", "mean", "none");
  static final Set<String> AXES = Set.of("step", "relative", "wall");
  static final ScalarsSettings DEFAULTS = new ScalarsSettings("ema", 0.6, "step", false, false, false, null, "std", false);

  static final String SMOOTHING = "scalars.smoothing";
  static final String X = "scalars.x";
  static final String LOG_Y = "scalars.logy";
  static final String LOG_X = "scalars.logx";
  static final String OUTLIERS = "scalars.outliers";
  static final String GROUP = "scalars.group";
  static final String BAND = "scalars.band";
  static final String SHOW_RUNS = "scalars.runs";

  /** The API's smoothing parameter ({@code ema:0.6}), or null for none. */
  String smoothingParameter() {
    if (smoothing <= 0 || smoothingKind.equals("none")) {
      return null;
    }
    return switch (smoothingKind) {
      case "ema", "twema" -> smoothingKind + ":" + number(Math.min(0.999, smoothing));
      case "gauss" -> "gauss:" + number(Math.max(0.1, Math.round(smoothing * 500) / 10.0));
      case "mean" -> {
        long k = Math.max(1, Math.round(smoothing * 100));
        yield k == 1 ? null : "mean:" + k;
      }
      default -> null;
    };
  }

  /** What the cards need to know, as the card element's {@code settings} property. */
  JsonObject toJson() {
    JsonObject json = Json.createObject();
    String s = smoothingParameter();
    if (s == null) {
      json.put("smoothing", Json.createNull());
    } else {
      json.put("smoothing", s);
    }
    json.put("x", x);
    json.put("logY", logY);
    json.put("logX", logX && x.equals("step"));
    json.put("outliers", outliers);
    if (groupBy == null) {
      json.put("groupBy", Json.createNull());
    } else {
      json.put("groupBy", groupBy);
    }
    json.put("band", band);
    json.put("showRuns", showRuns);
    return json;
  }

  /** Reads the settings from the URL; anything missing or malformed keeps its default. */
  static ScalarsSettings read(ViewState state) {
    ScalarsSettings d = DEFAULTS;
    String kind = d.smoothingKind;
    double value = d.smoothing;
    String s = state.get(SMOOTHING).orElse(null);
    if (s != null) {
      String[] parts = s.split(":", 2);
      if (KINDS.contains(parts[0])) {
        kind = parts[0];
        if (parts.length == 2) {
          try {
            double v = Double.parseDouble(parts[1]);
            value = v >= 0 && v < 1 ? v : value;
          } catch (NumberFormatException e) {
            // keep the default
          }
        }
      }
    }
    String x = state.get(X).filter(AXES::contains).orElse(d.x);
    String band = state.get(BAND).filter(b -> b.equals("std") || b.equals("minmax")).orElse(d.band);
    String group = state.get(GROUP).filter(g -> !g.isEmpty()).orElse(null);
    return new ScalarsSettings(kind, value, x, flag(state, LOG_Y), flag(state, LOG_X), flag(state, OUTLIERS), group, band,
        flag(state, SHOW_RUNS));
  }

  /** Writes the settings to the URL as one new history entry (defaults are left out). */
  void write(ViewState state) {
    String s = smoothingKind + ":" + number(smoothing);
    put(state, SMOOTHING, smoothingKind.equals(DEFAULTS.smoothingKind) && smoothing == DEFAULTS.smoothing ? null : s);
    put(state, X, x.equals(DEFAULTS.x) ? null : x);
    put(state, LOG_Y, logY ? "1" : null);
    put(state, LOG_X, logX ? "1" : null);
    put(state, OUTLIERS, outliers ? "1" : null);
    put(state, GROUP, groupBy);
    put(state, BAND, band.equals(DEFAULTS.band) ? null : band);
    put(state, SHOW_RUNS, showRuns ? "1" : null);
  }

  private static void put(ViewState state, String key, String value) {
    if (!java.util.Objects.equals(state.get(key).orElse(null), value)) {
      state.push(key, value);
    }
  }

  private static boolean flag(ViewState state, String key) {
    return state.get(key).map(v -> v.equals("1") || v.equals("true")).orElse(false);
  }

  private static String number(double v) {
    String text = String.format(Locale.ROOT, "%.3f", v);
    return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
  }
}
