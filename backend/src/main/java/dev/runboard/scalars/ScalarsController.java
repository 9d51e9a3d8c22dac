package dev.runboard.scalars;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runboard.data.DataProvider;
import dev.runboard.openapi.ApiDoc;
import dev.runboard.openapi.ApiParam;
import dev.runboard.web.BadRequestException;
import dev.runboard.web.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/scalars?run=R&tag=T}: one scalar series, every point at full resolution, or
 * with {@code points=N} downsampled with M4 to N pixel columns; {@code x} and {@code from}/{@code
 * to} choose the axis and range, {@code smoothing} and {@code restarts} what is drawn. {@code POST
 * /api/v1/scalars/batch}: many series in one request. Both answer JSON, or an Arrow IPC stream
 * when asked for with {@code Accept}.
 */
@RestController
@RequestMapping("/api/v1")
class ScalarsController {
  static final int MAX_BATCH = 10_000;

  private final ScalarReader reader;
  private final ScalarsArrow arrow;

  ScalarsController(DataProvider data, ScalarsArrow arrow) {
    this.reader = new ScalarReader(data);
    this.arrow = arrow;
  }

  @ApiDoc(
      summary = "One scalar series: every point, or M4-downsampled, smoothed, ranged",
      description = "Columns step, wall_time, value (and smoothed with smoothing); version, total (points in the"
          + " range), downsampled, restarts (each as step, wall_time, source) and first_wall_time (the origin of"
          + " the relative axis). NaN and infinities travel as the strings \"NaN\", \"Infinity\", \"-Infinity\".",
      produces = {MediaType.APPLICATION_JSON_VALUE, ScalarsArrow.MEDIA_TYPE})
  @GetMapping("/scalars")
  ResponseEntity<?> scalars(
      @ApiParam("Run name") @RequestParam String run,
      @ApiParam("Scalar tag") @RequestParam String tag,
      @ApiParam(value = "Downsample with M4 to this many pixel columns (1-20000): per column the first, lowest,"
          + " highest and last point", type = "integer") @RequestParam(required = false) String points,
      @ApiParam(value = "The axis of from, to, the columns and twema", allowed = {"step", "relative", "wall"})
          @RequestParam(required = false) String x,
      @ApiParam(value = "Smallest x; the nearest point below is included too", type = "number")
          @RequestParam(required = false) String from,
      @ApiParam(value = "Largest x; the nearest point above is included too", type = "number")
          @RequestParam(required = false) String to,
      @ApiParam("ema:W (TensorBoard's debiased EMA, 0 <= W < 1), twema:W (time-weighted EMA over the x-axis),"
          + " gauss:σ (Gaussian kernel, σ in points), mean:K (trailing mean of K points); computed on the full"
          + " series before downsampling") @RequestParam(required = false) String smoothing,
      @ApiParam(value = "latest: leave out points a later session superseded (TensorBoard's purge rule)",
          allowed = {"all", "latest"}) @RequestParam(required = false) String restarts,
      @RequestHeader(value = "Accept", required = false) String accept) {
    Map<String, String> given = new HashMap<>();
    given.put("points", points);
    given.put("x", x);
    given.put("from", from);
    given.put("to", to);
    given.put("smoothing", smoothing);
    given.put("restarts", restarts);
    ScalarParams params = ScalarParams.parse(given::get, ScalarParams.DEFAULTS, "");
    ScalarsJson series = reader.read(run, tag, params);
    if (ScalarsArrow.wanted(accept)) {
      return ResponseEntity.ok().contentType(MediaType.parseMediaType(ScalarsArrow.MEDIA_TYPE)).body(arrow.single(series));
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(series);
  }

  /** A batch entry that could not be answered: the problem a single request would have got. */
  record BatchError(String run, String tag, int status, String detail) {}

  /** The batch answer: one entry per request, in order. */
  record BatchJson(List<Object> series) {}

  @ApiDoc(
      summary = "Many scalar series in one request",
      description = "Body: {\"requests\": [{\"run\", \"tag\", ...}], \"points\", \"x\", \"from\", \"to\", \"smoothing\","
          + " \"restarts\"}; top-level parameters apply to every request, a request's own override them. Answer:"
          + " {\"series\": [...]} with one entry per request, in order, each exactly what GET /api/v1/scalars answers,"
          + " or {\"run\", \"tag\", \"status\": 404, \"detail\"} for an unknown run or tag. At most 10000 requests.",
      requestBody = "{\"requests\": [{\"run\": \"R\", \"tag\": \"T\"}], \"points\": 1000, \"smoothing\": \"ema:0.6\"}",
      produces = {MediaType.APPLICATION_JSON_VALUE, ScalarsArrow.MEDIA_TYPE})
  @PostMapping("/scalars/batch")
  ResponseEntity<?> batch(
      @RequestBody JsonNode body, @RequestHeader(value = "Accept", required = false) String accept) {
    if (!body.isObject()) {
      throw new BadRequestException("requests", "the body must be a JSON object with a \"requests\" array");
    }
    JsonNode requests = body.get("requests");
    if (requests == null || !requests.isArray()) {
      throw new BadRequestException("requests", "must be an array of {\"run\", \"tag\"} objects");
    }
    if (requests.size() > MAX_BATCH) {
      throw new BadRequestException("requests", "may hold at most " + MAX_BATCH + " entries, held " + requests.size());
    }
    ScalarParams defaults = ScalarParams.parse(name -> text(body, name, ""), ScalarParams.DEFAULTS, "");
    List<String> runs = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    List<ScalarParams> params = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      JsonNode request = requests.get(i);
      String prefix = "requests[" + i + "].";
      if (!request.isObject()) {
        throw new BadRequestException("requests[" + i + "]", "must be an object with run and tag");
      }
      runs.add(required(request, "run", prefix));
      tags.add(required(request, "tag", prefix));
      params.add(ScalarParams.parse(name -> text(request, name, prefix), defaults, prefix));
    }
    // Every parameter is checked before anything is read: a bad request reads nothing.
    List<Object> out = new ArrayList<>(runs.size());
    for (int i = 0; i < runs.size(); i++) {
      try {
        out.add(reader.read(runs.get(i), tags.get(i), params.get(i)));
      } catch (NotFoundException e) {
        out.add(new BatchError(runs.get(i), tags.get(i), 404, e.getMessage()));
      }
    }
    if (ScalarsArrow.wanted(accept)) {
      return ResponseEntity.ok().contentType(MediaType.parseMediaType(ScalarsArrow.MEDIA_TYPE)).body(arrow.batch(out));
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new BatchJson(out));
  }

  private static String required(JsonNode request, String name, String prefix) {
    JsonNode node = request.get(name);
    if (node == null || !node.isTextual()) {
      throw new BadRequestException(prefix + name, "is required and must be a string");
    }
    return node.asText();
  }

  /** A parameter of a JSON object as text (numbers and strings alike), null when absent. */
  private static String text(JsonNode object, String name, String prefix) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      throw new BadRequestException(prefix + name, "must be a string or a number");
    }
    return node.asText();
  }
}
