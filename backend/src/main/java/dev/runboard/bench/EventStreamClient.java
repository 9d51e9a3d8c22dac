package dev.runboard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
  /** One event; comments ({@code :text} lines) arrive as events named {@code comment}. */
  public record Event(String name, String data, long receivedNanos) {}

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
    HttpResponse<Stream<String>> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
    String type = response.headers().firstValue("content-type").orElse("");
    if (response.statusCode() != 200 || !type.startsWith("text/event-stream")) {
      response.body().close();
      throw new IOException(uri + " answered " + response.statusCode() + " " + type);
    }
    return new EventStreamClient(response.body());
  }

  private void read() {
    String name = null;
    StringBuilder data = new StringBuilder();
    try {
      for (String line : (Iterable<String>) body::iterator) {
        if (line.startsWith(":")) {
          events.add(new Event("comment", line.substring(1), System.nanoTime()));
        } else if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          if (data.length() > 0) {
            data.append('\n');
          }
          data.append(line.substring(5).strip());
        } else if (line.isEmpty() && (name != null || data.length() > 0)) {
          events.add(new Event(name == null ? "message" : name, data.toString(), System.nanoTime()));
          name = null;
          data.setLength(0);
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
