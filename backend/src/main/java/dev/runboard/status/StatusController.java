package dev.runboard.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.runboard.data.DataProvider;
import dev.runboard.data.DataStatus;
import dev.runboard.data.Problem;
import dev.runboard.logdir.LogdirDiscoveries;
import dev.runboard.logdir.LogdirDiscovery;
import java.util.List;
import dev.runboard.openapi.ApiDoc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/status}: how far loading has got (TensorBoard never said, #65) and every
 * recent problem with a log file, so that damage is seen, not only logged.
 */
@RestController
@RequestMapping("/api/v1")
class StatusController {
  private final DataProvider data;
  private final LogdirDiscoveries logdirs;

  StatusController(DataProvider data, LogdirDiscoveries logdirs) {
    this.data = data;
    this.logdirs = logdirs;
  }

  @ApiDoc(
      summary = "Loading progress and the most recent problems with log files",
      description = "{\"runs_discovered\", \"runs_loaded\", \"bytes_read\", \"bytes_total\", \"first_load_done\", \"problems\": [{\"run\","
          + " \"file\", \"offset\", \"message\", \"time\"}], \"problems_total\", \"resident_bytes\", \"budget_bytes\"}")
  @GetMapping("/status")
  StatusJson status() {
    DataStatus s = data.status();
    return new StatusJson(
        s.runsDiscovered(), s.runsLoaded(), s.bytesRead(), s.bytesTotal(), s.firstLoadDone(),
        s.problems().stream().map(ProblemJson::of).toList(), s.problemsTotal(), s.residentBytes(),
        s.budgetBytes(), logdirs.statuses().stream().map(LogdirJson::of).toList());
  }

  /** Where each logdir is and how it is followed: walked or listed how often, last pass, errors. */
  record LogdirJson(
      String name,
      String location,
      String kind,
      String mode,
      @JsonProperty("interval_ms") long intervalMillis,
      @JsonProperty("last_pass") String lastPass,
      long files,
      @JsonProperty("last_error") String lastError) {
    static LogdirJson of(LogdirDiscovery.Status s) {
      return new LogdirJson(s.name(), s.location(), s.kind(), s.mode(), s.interval().toMillis(),
          s.lastPass() == null ? null : s.lastPass().toString(), s.files(), s.lastError());
    }
  }

  record ProblemJson(String run, String file, long offset, String message, String time) {
    static ProblemJson of(Problem p) {
      return new ProblemJson(p.run(), p.file(), p.offset(), p.message(), p.time().toString());
    }
  }

  record StatusJson(
      @JsonProperty("runs_discovered") int runsDiscovered,
      @JsonProperty("runs_loaded") int runsLoaded,
      @JsonProperty("bytes_read") long bytesRead,
      @JsonProperty("bytes_total") long bytesTotal,
      @JsonProperty("first_load_done") boolean firstLoadDone,
      List<ProblemJson> problems,
      @JsonProperty("problems_total") long problemsTotal,
      @JsonProperty("resident_bytes") long residentBytes,
      @JsonProperty("budget_bytes") long budgetBytes,
      List<LogdirJson> logdirs) {}
}
