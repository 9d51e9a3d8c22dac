package dev.runboard.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.runboard.logdir.LogdirIndex;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/runs}: every run of the logdir, sorted by name. */
@RestController
@RequestMapping("/api/v1")
class RunsController {
  private final LogdirIndex index;

  RunsController(LogdirIndex index) {
    this.index = index;
  }

  @GetMapping("/runs")
  List<RunJson> runs() {
    return index.runs().stream()
        .map(run -> new RunJson(run.name(), index.scalarTags(run.name())))
        .toList();
  }

  record RunJson(String name, @JsonProperty("scalar_tags") List<String> scalarTags) {}
}
