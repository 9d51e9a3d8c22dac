package dev.runboard.scalars;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.runboard.data.ScalarSeries;
import java.util.List;

/**
 * The wire form of scalar points, column by column: {@code {"run","tag","step":[],"wall_time":[],
 * "value":[],"smoothed":[],"version","total","downsampled","restarts":[],"first_wall_time"}}.
 * Used by the REST API and the event stream alike; the stream leaves out {@code smoothed},
 * {@code restarts} and {@code first_wall_time}, and the API leaves out {@code smoothed} when no
 * smoothing was asked for.
 *
 * @param smoothed the smoothed values, point by point, or null without smoothing
 * @param restarts the run's restarts (sessions that began after its first event), or null
 * @param firstWallTime the run's first wall time, the origin of the relative axis, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScalarsJson(
    String run,
    String tag,
    long[] step,
    @JsonProperty("wall_time") double[] wallTime,
    double[] value,
    double[] smoothed,
    long version,
    long total,
    boolean downsampled,
    List<Restarts.Boundary> restarts,
    @JsonProperty("first_wall_time") Double firstWallTime) {
  public static ScalarsJson of(ScalarSeries series) {
    return new ScalarsJson(
        series.run(), series.tag(), series.steps(), series.wallTimes(), series.values(), null,
        series.version(), series.total(), series.downsampled(), null, null);
  }

  public int size() {
    return step.length;
  }
}
