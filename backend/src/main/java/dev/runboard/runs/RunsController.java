package dev.runboard.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.runboard.data.DataClass;
import dev.runboard.data.DataProvider;
import dev.runboard.data.PluginNames;
import dev.runboard.data.RunInfo;
import dev.runboard.data.SeriesInfo;
import dev.runboard.data.SessionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import dev.runboard.openapi.ApiDoc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/runs}: every run of the logdir, sorted by name, with its tags by plugin and
 * what else the index knows of it. Answers at once with what is loaded ({@code loaded} says
 * whether the run's files have all been read once).
 */
@RestController
@RequestMapping("/api/v1")
class RunsController {
  private final DataProvider data;

  RunsController(DataProvider data) {
    this.data = data;
  }

  @ApiDoc(
      summary = "Every run, sorted by name, with its tags by plugin, wall times, last step and sessions",
      description = "[{\"name\", \"scalar_tags\", \"tags\": {plugin: [tags]}, \"first_wall_time\", \"last_wall_time\","
          + " \"last_step\", \"sessions\": [{\"start_wall_time\", \"resume_step\"}], \"loaded\"}]")
  @GetMapping("/runs")
  List<RunJson> runs() {
    List<RunInfo> runs = data.listRuns();
    List<RunJson> out = new ArrayList<>(runs.size());
    for (RunInfo run : runs) {
      out.add(RunJson.of(run));
    }
    return out;
  }

  record SessionJson(
      @JsonProperty("start_wall_time") double startWallTime,
      @JsonProperty("resume_step") long resumeStep) {}

  record RunJson(
      String name,
      @JsonProperty("scalar_tags") List<String> scalarTags,
      Map<String, List<String>> tags,
      @JsonProperty("first_wall_time") Double firstWallTime,
      @JsonProperty("last_wall_time") Double lastWallTime,
      @JsonProperty("last_step") long lastStep,
      List<SessionJson> sessions,
      boolean loaded) {
    static RunJson of(RunInfo run) {
      Map<String, List<String>> tags = new TreeMap<>();
      for (SeriesInfo s : run.series()) {
        tags.computeIfAbsent(s.pluginName(), p -> new ArrayList<>()).add(s.tag());
      }
      List<SessionJson> sessions = new ArrayList<>();
      for (SessionInfo s : run.sessions()) {
        sessions.add(new SessionJson(s.startWallTime(), s.resumeStep()));
      }
      return new RunJson(
          run.name(),
          run.tags(DataClass.SCALARS, PluginNames.SCALARS),
          tags,
          Double.isNaN(run.firstWallTime()) ? null : run.firstWallTime(),
          Double.isNaN(run.lastWallTime()) ? null : run.lastWallTime(),
          run.lastStep(),
          sessions,
          run.loaded());
    }
  }
}
