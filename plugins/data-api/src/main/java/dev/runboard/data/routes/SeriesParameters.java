package dev.runboard.data.routes;

import dev.runboard.data.BlobSequence;
import dev.runboard.data.DataClass;
import dev.runboard.data.RunInfo;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.SeriesInfo;
import dev.runboard.data.StepQuery;
import dev.runboard.data.TensorSeries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters most plugin routes share: {@code run} and {@code tag} naming one series, looked
 * up in the index (never used as a path), and {@code steps=K} for a step-sampled read.
 */
public final class SeriesParameters {
  /** The most steps {@code steps=K} may ask for. */
  public static final int MAX_STEPS = 100_000;

  private SeriesParameters() {}

  /**
   * The series the {@code run} and {@code tag} parameters name: 400 when one is missing, 404
   * when there is no such run, or the run has no such tag of this data class and plugin.
   */
  public static SeriesInfo require(RouteRequest request, DataClass dataClass, String pluginName) {
    String run = request.require("run");
    String tag = request.require("tag");
    RunInfo info = request.data().run(run)
        .orElseThrow(() -> RouteException.notFound("no run named '" + run + "'"));
    List<SeriesInfo> series =
        request.data().listSeries(dataClass, pluginName, RunTagFilter.one(info.name(), tag));
    if (series.isEmpty()) {
      throw noSuchTag(run, tag, pluginName);
    }
    return series.get(0);
  }

  /** The {@code steps} parameter as a query: K steps spread evenly, or every step when absent. */
  private static StepQuery steps(RouteRequest request) {
    return StepQuery.sampled(request.intParameter("steps", 0, 1, MAX_STEPS));
  }

  /**
   * The tensor series of the plugin that {@code run} and {@code tag} name, read at {@code steps}:
   * 400 for a bad parameter (whatever the run), 404 for an unknown run or tag.
   */
  public static TensorSeries tensors(RouteRequest request, String pluginName) {
    StepQuery query = steps(request);
    return readTensors(request, require(request, DataClass.TENSORS, pluginName), query);
  }

  /** As {@link #tensors}, for a blob sequence. */
  public static BlobSequence blobs(RouteRequest request, String pluginName) {
    StepQuery query = steps(request);
    return readBlobs(request, require(request, DataClass.BLOB_SEQUENCES, pluginName), query);
  }

  private static TensorSeries readTensors(RouteRequest request, SeriesInfo series, StepQuery query) {
    List<TensorSeries> read = request.data().readTensors(
        series.pluginName(), RunTagFilter.one(series.run(), series.tag()), query);
    if (read.isEmpty()) {
      throw noSuchTag(series.run(), series.tag(), series.pluginName());
    }
    return read.get(0);
  }

  private static BlobSequence readBlobs(RouteRequest request, SeriesInfo series, StepQuery query) {
    List<BlobSequence> read = request.data().readBlobSequences(
        series.pluginName(), RunTagFilter.one(series.run(), series.tag()), query);
    if (read.isEmpty()) {
      throw noSuchTag(series.run(), series.tag(), series.pluginName());
    }
    return read.get(0);
  }

  private static RouteException noSuchTag(String run, String tag, String pluginName) {
    return RouteException.notFound("run '" + run + "' has no " + pluginName + " tag '" + tag + "'");
  }

  private static RouteParameter stepsParameter() {
    return RouteParameter.optional("steps", "integer",
        "K steps spread evenly over the range, always the first and the last (1-" + MAX_STEPS
            + "); every step when absent");
  }

  /** The {@code run}, {@code tag} and {@code steps} parameters' descriptions, for the OpenAPI document. */
  public static List<RouteParameter> parameters() {
    return List.of(
        RouteParameter.required("run", "string", "the run's name, as /api/v1/runs lists it"),
        RouteParameter.required("tag", "string", "the tag"),
        stepsParameter());
  }

  /**
   * The answer for a tensor series: {@code {"run", "tag", "total", "downsampled", <field>:
   * items}}, in that order (a plugin may add fields to it).
   */
  public static Map<String, Object> envelope(TensorSeries read, String field, List<?> items) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("run", read.run());
    body.put("tag", read.tag());
    body.put("total", read.total());
    body.put("downsampled", read.downsampled());
    body.put(field, items);
    return body;
  }
}
