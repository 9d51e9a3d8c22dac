package dev.runboard.stream;

import dev.runboard.web.ProblemResponses;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.OptionalLong;
import org.springframework.http.HttpStatus;

/**
 * {@code GET /api/v1/stream[?run=REGEX][&tag=REGEX]}, optionally with {@code Last-Event-ID}: new
 * runs and scalar points as Server-Sent Events. A plain servlet in async mode with non-blocking
 * output, rather than a Spring MVC handler, so that an open stream holds no thread and nothing
 * wraps the response it writes to from the hub's threads.
 */
final class StreamServlet extends HttpServlet {
  private final StreamHub hub;
  private final ProblemResponses problems;

  StreamServlet(StreamHub hub, ProblemResponses problems) {
    this.hub = hub;
    this.problems = problems;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    boolean head = request.getMethod().equals("HEAD");
    if (!head && !request.getMethod().equals("GET")) {
      response.setHeader("Allow", "GET, HEAD");
      problems.send(
          request, response, HttpStatus.METHOD_NOT_ALLOWED,
          "the stream answers GET (and HEAD), not " + request.getMethod());
      return;
    }
    StreamFilter filter;
    OptionalLong lastEventId;
    try {
      filter = StreamFilter.of(request.getParameter("run"), request.getParameter("tag"));
      lastEventId = lastEventId(request.getHeader("Last-Event-ID"));
    } catch (IllegalArgumentException e) {
      problems.send(request, response, HttpStatus.BAD_REQUEST, e.getMessage());
      return;
    }
    if (!hub.isRunning()) {
      problems.send(request, response, HttpStatus.SERVICE_UNAVAILABLE, "the server is shutting down");
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("text/event-stream");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no"); // nginx: pass events through unbuffered
    if (head) {
      return; // the headers a GET would get, and no stream
    }
    AsyncContext async = request.startAsync();
    async.setTimeout(0); // no timeout: heartbeats keep the line alive and find dead peers
    try {
      hub.connect(async, filter, lastEventId);
    } catch (IllegalStateException shuttingDown) {
      async.complete();
    }
  }

  /** The id a reconnecting client last saw; an empty header (a fresh EventSource) means none. */
  private static OptionalLong lastEventId(String header) {
    if (header == null || header.isBlank()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(header.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "header 'Last-Event-ID' must be an event id from this stream (an integer), was '" + header + "'");
    }
  }
}
