package dev.runboard.chart;

import elemental.json.Json;
import elemental.json.JsonArray;

/** Arrays as the JSON the chart components take. */
public final class ChartJson {
  private ChartJson() {}

  public static JsonArray of(long[] values) {
    JsonArray array = Json.createArray();
    for (int i = 0; i < values.length; i++) {
      array.set(i, values[i]);
    }
    return array;
  }

  /** NaN and infinities have no JSON form: they become null (a gap). */
  public static JsonArray of(double[] values) {
    JsonArray array = Json.createArray();
    for (int i = 0; i < values.length; i++) {
      if (Double.isFinite(values[i])) {
        array.set(i, values[i]);
      } else {
        array.set(i, Json.createNull());
      }
    }
    return array;
  }
}
