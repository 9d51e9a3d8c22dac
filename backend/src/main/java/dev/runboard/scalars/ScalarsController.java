package dev.runboard.scalars;

import dev.runboard.logdir.LogdirIndex;
import dev.runboard.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/scalars?run=R&tag=T}: every point of one tag at full resolution. */
@RestController
@RequestMapping("/api/v1")
class ScalarsController {
  private final LogdirIndex index;

  ScalarsController(LogdirIndex index) {
    this.index = index;
  }

  @GetMapping("/scalars")
  ScalarsJson scalars(@RequestParam String run, @RequestParam String tag) {
    if (!index.hasRun(run)) {
      throw new NotFoundException("unknown run '" + run + "'");
    }
    return index
        .scalars(run, tag)
        .map(ScalarsJson::of)
        .orElseThrow(() -> new NotFoundException("run '" + run + "' has no scalar tag '" + tag + "'"));
  }
}
