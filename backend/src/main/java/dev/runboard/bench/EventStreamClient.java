package dev.runboard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A small Server-Sent-Events client over {@code java.net.http}: it stamps every event with the
 * moment its last line arrived, which is what latency measurements need.
 */
public final class EventStreamClient implements AutoCloseable {
  /**
   * One event; comments ({@code :text} lines) arrive as events named {@code comment}.
   *
   * @param id the event's {@code id:} field, or {@code null} when it had none
   * @param dataLines how many {@code data:} lines it had ({@code data} joins them with newlines)
   */
  public record Event(String id, String name, String data, int dataLines, long receivedNanos) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Stream<String> body;
  private final Thread reader;

  private EventStreamClient(Stream<String> body) {
    this.body = body;
    this.reader = new Thread(this::read, "event-stream-client");
    reader.setDaemon(true);
    reader.start();
  }

  /** Connects and returns once the response headers arrived with status 200. */
  public static EventStreamClient connect(URI uri) throws IOException, InterruptedException {
    return connect(HttpClient.newHttpClient(), uri, Map.of());
  }

  /**
   * Connects over {@code http} (one client can carry many streams) with extra request headers
   * ({@code Last-Event-ID}, say), and returns once the response headers arrived with status 200.
   */
  public static EventStreamClient connect(HttpClient http, URI uri, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
    headers.forEach(request::header);
    HttpResponse<Stream<String>> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    String type = response.headers().firstValue("content-type").orElse("");
    if (response.statusCode() != 200 || !type.startsWith("text/event-stream")) {
      response.body().close();
      throw new IOException(uri + " answered " + response.statusCode() + " " + type);
    }
    return new EventStreamClient(response.body());
  }

  private void read() {
    String id = null;
    String name = null;
    StringBuilder data = new StringBuilder();
    int dataLines = 0;
    try {
      for (String line : (Iterable<String>) body::iterator) {
        if (line.startsWith(":")) {
          events.add(new Event(null, "comment", line.substring(1).strip(), 0, System.nanoTime()));
        } else if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          if (dataLines++ > 0) {
            data.append('\n');
          }
          data.append(line.substring(5).strip());
        } else if (line.isEmpty() && (id != null || name != null || dataLines > 0)) {
          events.add(
              new Event(id, name == null ? "message" : name, data.toString(), dataLines, System.nanoTime()));
          id = null;
          name = null;
          data.setLength(0);
          dataLines = 0;
        }
      }
    } catch (UncheckedIOException closed) {
      // The stream ended or was closed: no more events.
    }
  }

  /** The next event of any kind. */
  public Event next(Duration timeout) throws InterruptedException, TimeoutException {
    Event event = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (event == null) {
      throw new TimeoutException("no event within " + timeout);
    }
    return event;
  }

  /** The next event with the given name, skipping others. */
  public Event next(String name, Duration timeout) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Event event = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (event.name().equals(name)) {
        return event;
      }
    }
  }

  @Override
  public void close() {
    body.close();
    reader.interrupt();
  }
}
