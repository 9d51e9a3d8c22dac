package dev.runboard.scalars;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.runboard.plugin.ScalarSeries;

/**
 * The wire form of scalar points, column by column: {@code {"run","tag","step":[],"wall_time":[],
 * "value":[]}}. Used by the REST API and the event stream alike.
 */
public record ScalarsJson(
    String run,
    String tag,
    long[] step,
    @JsonProperty("wall_time") double[] wallTime,
    double[] value) {
  public static ScalarsJson of(ScalarSeries series) {
    return new ScalarsJson(
        series.run(), series.tag(), series.steps(), series.wallTimes(), series.values());
  }
}
