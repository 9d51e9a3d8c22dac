package dev.runboard.scalars;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runboard.data.DataProvider;
import dev.runboard.openapi.ApiDoc;
import dev.runboard.openapi.ApiParam;
import dev.runboard.web.BadRequestException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/scalars/groups?tag=T&group_by=REGEX|hparam:NAME}: runs grouped, each group as
 * mean and band on a common x-grid (see {@link ScalarGroups}). {@code POST} takes the same
 * parameters as a JSON object, for selections too long for a URL.
 */
@RestController
@RequestMapping("/api/v1")
class ScalarGroupsController {
  private final ScalarGroups groups;

  ScalarGroupsController(DataProvider data) {
    this.groups = new ScalarGroups(data, new ScalarReader(data));
  }

  @ApiDoc(
      summary = "Runs grouped by a regex capture or an hparam: mean and a std or min-max band per group",
      description = "Answer: {\"tag\", \"group_by\", \"band\", \"x_axis\", \"from\", \"to\", \"points\", \"groups\": [{\"name\","
          + " \"runs\", \"x\", \"mean\", \"lower\", \"upper\", \"count\"}], \"ungrouped\": [runs]}. Columns where no run"
          + " of a group has data are left out; count says how many runs contributed to each.")
  @GetMapping("/scalars/groups")
  ScalarGroups.GroupsJson groups(
      @ApiParam("Scalar tag") @RequestParam String tag,
      @ApiParam("A regular expression over run names (its first capture group, or the whole match, names the"
          + " group) or hparam:NAME") @RequestParam(name = "group_by") String groupBy,
      @ApiParam(value = "The band around the mean", allowed = {"std", "minmax"}) @RequestParam(required = false) String band,
      @ApiParam(value = "Columns of the common x-grid (1-20000, default 1000)", type = "integer")
          @RequestParam(required = false) String points,
      @ApiParam(value = "The axis of the grid", allowed = {"step", "relative", "wall"}) @RequestParam(required = false) String x,
      @ApiParam(value = "Smallest x of the grid", type = "number") @RequestParam(required = false) String from,
      @ApiParam(value = "Largest x of the grid", type = "number") @RequestParam(required = false) String to,
      @ApiParam("Smoothing applied to each run before aggregation (as for /api/v1/scalars)")
          @RequestParam(required = false) String smoothing,
      @ApiParam(value = "Purge rule applied to each run", allowed = {"all", "latest"}) @RequestParam(required = false) String restarts,
      @ApiParam("Only these runs (repeat the parameter); default every run with the tag")
          @RequestParam(name = "run", required = false) List<String> run) {
    Map<String, String> given = new HashMap<>();
    given.put("points", points);
    given.put("x", x);
    given.put("from", from);
    given.put("to", to);
    given.put("smoothing", smoothing);
    given.put("restarts", restarts);
    return compute(tag, groupBy, band, run == null ? null : new LinkedHashSet<>(run), given);
  }

  @ApiDoc(
      summary = "Runs grouped, with the parameters of GET /api/v1/scalars/groups as a JSON object",
      requestBody = "{\"tag\": \"loss\", \"group_by\": \"(.*)/seed\", \"band\": \"std\", \"points\": 1000, \"runs\": [\"a/seed1\"]}")
  @PostMapping("/scalars/groups")
  ScalarGroups.GroupsJson groupsPost(@RequestBody JsonNode body) {
    if (!body.isObject()) {
      throw new BadRequestException("tag", "the body must be a JSON object");
    }
    Map<String, String> given = new HashMap<>();
    for (String name : List.of("tag", "group_by", "band", "points", "x", "from", "to", "smoothing", "restarts")) {
      JsonNode node = body.get(name);
      if (node != null && !node.isNull()) {
        if (!node.isValueNode()) {
          throw new BadRequestException(name, "must be a string or a number");
        }
        given.put(name, node.asText());
      }
    }
    Set<String> runs = null;
    JsonNode list = body.get("runs");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw new BadRequestException("runs", "must be an array of run names");
      }
      runs = new LinkedHashSet<>();
      for (JsonNode r : list) {
        if (!r.isTextual()) {
          throw new BadRequestException("runs", "must hold only strings");
        }
        runs.add(r.asText());
      }
    }
    String tag = given.get("tag");
    String groupBy = given.get("group_by");
    if (tag == null) {
      throw new BadRequestException("tag", "is required");
    }
    if (groupBy == null) {
      throw new BadRequestException("group_by", "is required");
    }
    return compute(tag, groupBy, given.get("band"), runs, given);
  }

  private ScalarGroups.GroupsJson compute(
      String tag, String groupBy, String band, Set<String> runs, Map<String, String> given) {
    RunGrouping grouping;
    try {
      grouping = RunGrouping.parse(groupBy);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("group_by", e.getMessage());
    }
    Band b = Band.STD;
    if (band != null) {
      try {
        b = Band.valueOf(band.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException("band", "must be std or minmax, was '" + band + "'");
      }
    }
    ScalarParams params = ScalarParams.parse(given::get, ScalarParams.DEFAULTS, "");
    return groups.compute(tag, grouping, b, runs, params);
  }
}
