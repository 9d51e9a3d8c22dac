package dev.runboard.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.runboard.data.DataProvider;
import dev.runboard.data.DataStatus;
import dev.runboard.data.Problem;
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

  StatusController(DataProvider data) {
    this.data = data;
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
        s.budgetBytes());
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
      @JsonProperty("budget_bytes") long budgetBytes) {}
}
