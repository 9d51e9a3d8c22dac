package dev.runboard.scalars;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.runboard.data.ScalarSeries;

/**
 * The wire form of scalar points, column by column: {@code {"run","tag","step":[],"wall_time":[],
 * "value":[],"version","total","downsampled"}}. Used by the REST API and the event stream alike.
 */
public record ScalarsJson(
    String run,
    String tag,
    long[] step,
    @JsonProperty("wall_time") double[] wallTime,
    double[] value,
    long version,
    long total,
    boolean downsampled) {
  public static ScalarsJson of(ScalarSeries series) {
    return new ScalarsJson(
        series.run(), series.tag(), series.steps(), series.wallTimes(), series.values(),
        series.version(), series.total(), series.downsampled());
  }
}
