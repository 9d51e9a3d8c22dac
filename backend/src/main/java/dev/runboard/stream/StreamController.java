package dev.runboard.stream;

import org.springframework.http.MediaType;
import dev.runboard.openapi.ApiDoc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/v1/stream}: new runs and new scalar points as Server-Sent Events. */
@RestController
@RequestMapping("/api/v1")
class StreamController {
  private final ScalarStream stream;

  StreamController(ScalarStream stream) {
    this.stream = stream;
  }

  @ApiDoc(
      summary = "Server-Sent Events: a run event per new run, a scalars event with the new points of a series",
      produces = "text/event-stream")
  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream() {
    return stream.connect();
  }
}
