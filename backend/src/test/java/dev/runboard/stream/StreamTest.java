package dev.runboard.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.bench.EventStreamClient;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.EventLogWriterOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code GET /api/v1/stream} over a real server, real log writers and real HTTP clients: points
 * reach every client once and in order, filters, {@code Last-Event-ID} resumes, resyncs,
 * heartbeats and bad requests. Each test writes runs of its own and filters on them.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"runboard.stream.replay-bytes=256KB", "runboard.stream.heartbeat=300ms"})
class StreamTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir static Path logdir;

  @LocalServerPort int port;
  @Autowired StreamHub hub;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  private URI uri(String query) {
    return URI.create("http://localhost:" + port + "/api/v1/stream" + query);
  }

  private static String only(String run) {
    return "?run=" + URLEncoder.encode("^" + run + "$", StandardCharsets.UTF_8);
  }

  /** Connects and consumes the greeting. */
  private EventStreamClient connect(String query, Map<String, String> headers) throws Exception {
    EventStreamClient stream = EventStreamClient.connect(http, uri(query), headers);
    EventStreamClient.Event hello = stream.next(TIMEOUT);
    assertThat(hello.name()).isEqualTo("comment");
    assertThat(hello.data()).isEqualTo("connected");
    return stream;
  }

  /** The next event that is not a comment; each must be one well-formed frame. */
  private static EventStreamClient.Event nextFrame(EventStreamClient stream, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      EventStreamClient.Event event = stream.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (!event.name().equals("comment")) {
        assertThat(event.dataLines()).as("data lines of %s", event).isEqualTo(1);
        assertThat(event.data()).as("data of %s", event).isNotEmpty();
        assertThat(event.id()).as("id of %s", event).isNotNull();
        return event;
      }
    }
  }

  private static EventLogWriter writer(Path run) throws IOException {
    return EventLogWriter.open(run, EventLogWriterOptions.defaults().withFlushInterval(Duration.ofMillis(20)));
  }

  @Test
  void pointsFlushedByAWriterReachASubscriberWithinASecond() throws Exception {
    List<Double> latenciesMillis = new ArrayList<>();
    try (EventStreamClient stream = connect(only("live"), Map.of());
        EventLogWriter writer = EventLogWriter.open(logdir.resolve("live"))) {
      for (int step = 0; step < 5; step++) {
        writer.scalar("loss", step, 1.0 / (step + 1));
        writer.flush();
        long flushed = System.nanoTime();
        if (step == 0) {
          EventStreamClient.Event run = nextFrame(stream, TIMEOUT);
          assertThat(run.name()).isEqualTo("run");
          assertThat(json.readTree(run.data()).get("name").asText()).isEqualTo("live");
        }
        EventStreamClient.Event event = nextFrame(stream, TIMEOUT);
        assertThat(event.name()).isEqualTo("scalars");
        JsonNode data = json.readTree(event.data());
        assertThat(data.get("run").asText()).isEqualTo("live");
        assertThat(data.get("tag").asText()).isEqualTo("loss");
        assertThat(data.get("step").toString()).isEqualTo("[" + step + "]");
        assertThat(data.get("value").get(0).asDouble()).isEqualTo(1.0 / (step + 1));
        assertThat(data.get("wall_time")).hasSize(1);
        latenciesMillis.add((event.receivedNanos() - flushed) / 1e6);
      }
    }
    // The first point also waits for the run to be discovered (rescan interval); later ones only
    // for the poll interval. The requirement is on the typical point: under a second after flush.
    List<Double> sorted = latenciesMillis.stream().sorted().toList();
    assertThat(sorted.get(sorted.size() / 2))
        .as("median latency of %s ms", latenciesMillis)
        .isLessThan(1000.0);
  }

  @Test
  void fiftyConcurrentClientsEachGetEveryPointExactlyOnceInOrder() throws Exception {
    int clients = 50;
    int points = 600;
    List<EventStreamClient> streams = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        streams.add(connect(only("fanout"), Map.of()));
      }
      try (EventLogWriter writer = writer(logdir.resolve("fanout"))) {
        for (int step = 0; step < points; step++) {
          writer.scalar("loss", step, step * 0.5);
          writer.scalar("accuracy", step, step / 1000.0);
          if (step % 20 == 19) {
            Thread.sleep(25); // points spread over many polls of the index, so many frames
          }
        }
      }
      for (int i = 0; i < clients; i++) {
        Map<String, List<Long>> steps = new TreeMap<>(Map.of("loss", new ArrayList<>(), "accuracy", new ArrayList<>()));
        long lastId = Long.MIN_VALUE;
        int runEvents = 0;
        int frames = 0;
        while (steps.get("loss").size() < points || steps.get("accuracy").size() < points) {
          EventStreamClient.Event event = nextFrame(streams.get(i), TIMEOUT);
          long id = Long.parseLong(event.id());
          assertThat(id).as("ids increase").isGreaterThan(lastId);
          lastId = id;
          if (event.name().equals("run")) {
            assertThat(json.readTree(event.data()).get("name").asText()).isEqualTo("fanout");
            runEvents++;
            continue;
          }
          assertThat(event.name()).isEqualTo("scalars");
          frames++;
          JsonNode data = json.readTree(event.data());
          assertThat(data.get("run").asText()).isEqualTo("fanout");
          String tag = data.get("tag").asText();
          for (int p = 0; p < data.get("step").size(); p++) {
            long step = data.get("step").get(p).asLong();
            steps.get(tag).add(step);
            double expected = tag.equals("loss") ? step * 0.5 : step / 1000.0;
            assertThat(data.get("value").get(p).asDouble()).isEqualTo(expected);
          }
        }
        List<Long> every = LongStream.range(0, points).boxed().toList();
        assertThat(steps.get("loss")).as("client %d, loss", i).isEqualTo(every);
        assertThat(steps.get("accuracy")).as("client %d, accuracy", i).isEqualTo(every);
        assertThat(runEvents).isEqualTo(1);
        assertThat(frames).as("points came in several frames").isGreaterThan(2);
      }
    } finally {
      streams.forEach(EventStreamClient::close);
    }
  }

  @Test
  void filtersSelectRunsAndTagsByRegex() throws Exception {
    // find() semantics: "r-a" is found in "filter-a" only; "^acc" anchors at the tag's start.
    Map<String, String> queries =
        Map.of(
            "a", "?run=r-a",
            "accuracy", "?tag=%5Eacc",
            "b-loss", "?run=%5Efilter-b%24&tag=loss%24",
            "all", "?run=%5Efilter-");
    Map<String, EventStreamClient> streams = new HashMap<>();
    try {
      for (Map.Entry<String, String> query : queries.entrySet()) {
        streams.put(query.getKey(), connect(query.getValue(), Map.of()));
      }
      try (EventLogWriter a = writer(logdir.resolve("filter-a"));
          EventLogWriter b = writer(logdir.resolve("filter-b"))) {
        for (int step = 0; step < 20; step++) {
          for (EventLogWriter w : List.of(a, b)) {
            w.scalar("loss", step, step);
            w.scalar("accuracy", step, step);
          }
        }
      }
      Map<String, Set<String>> expected =
          Map.of(
              "a", Set.of("run filter-a", "filter-a/loss", "filter-a/accuracy"),
              "accuracy", Set.of("run filter-a", "run filter-b", "filter-a/accuracy", "filter-b/accuracy"),
              "b-loss", Set.of("run filter-b", "filter-b/loss"),
              "all",
              Set.of("run filter-a", "run filter-b", "filter-a/loss", "filter-a/accuracy", "filter-b/loss",
                  "filter-b/accuracy"));
      for (String client : List.of("all", "a", "accuracy", "b-loss")) {
        Map<String, Integer> points = new TreeMap<>();
        Set<String> runs = new HashSet<>();
        // Until every expected topic is complete, then a little longer for anything unexpected.
        long quietUntil = Long.MAX_VALUE;
        while (System.nanoTime() < quietUntil) {
          EventStreamClient.Event event;
          try {
            event = nextFrame(streams.get(client), quietUntil == Long.MAX_VALUE ? TIMEOUT : Duration.ofMillis(500));
          } catch (TimeoutException quiet) {
            break;
          }
          JsonNode data = json.readTree(event.data());
          if (event.name().equals("run")) {
            runs.add("run " + data.get("name").asText());
          } else {
            points.merge(data.get("run").asText() + "/" + data.get("tag").asText(), data.get("step").size(), Integer::sum);
          }
          Set<String> seen = new HashSet<>(runs);
          points.forEach((topic, n) -> { if (n == 20) seen.add(topic); });
          if (seen.containsAll(expected.get(client)) && quietUntil == Long.MAX_VALUE) {
            quietUntil = System.nanoTime() + 500_000_000L;
          }
        }
        Set<String> seen = new HashSet<>(runs);
        seen.addAll(points.keySet());
        assertThat(seen).as("client %s", client).isEqualTo(expected.get(client));
        assertThat(points.values()).as("client %s", client).allMatch(n -> n == 20);
      }
    } finally {
      streams.values().forEach(EventStreamClient::close);
    }
  }

  @Test
  void anInvalidRegexOrLastEventIdIsA400NamingIt() throws Exception {
    assertProblem(get("?run=(", Map.of()), 400, "parameter 'run' is not a valid regular expression");
    assertProblem(get("?tag=*x", Map.of()), 400, "parameter 'tag' is not a valid regular expression");
    assertProblem(get("", Map.of("Last-Event-ID", "abc")), 400, "header 'Last-Event-ID' must be an event id");
    HttpResponse<String> post =
        http.send(HttpRequest.newBuilder(uri("")).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    assertProblem(post, 405, "the stream answers GET (and HEAD), not POST");
    assertThat(post.headers().firstValue("allow")).contains("GET, HEAD");
  }

  @Test
  void headAnswersTheHeadersOfTheStreamWithoutOne() throws Exception {
    HttpResponse<String> head =
        http.send(HttpRequest.newBuilder(uri("")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    assertThat(head.body()).isEmpty();
  }

  private HttpResponse<String> get(String query, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(query));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void assertProblem(HttpResponse<String> response, int status, String detail) throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("detail").asText()).startsWith(detail);
    assertThat(problem.get("instance").asText()).isEqualTo("/api/v1/stream");
  }

  @Test
  void aClientReconnectingWithLastEventIdGetsExactlyTheFramesItMissed() throws Exception {
    try (EventStreamClient witness = connect(only("resume"), Map.of());
        EventLogWriter writer = writer(logdir.resolve("resume"))) {
      List<EventStreamClient.Event> seen = new ArrayList<>();
      long lastSeenByLeaver;
      try (EventStreamClient leaver = connect(only("resume"), Map.of())) {
        writeAndAwait(writer, witness, seen, 0, 5);
        EventStreamClient.Event last;
        do {
          last = nextFrame(leaver, TIMEOUT);
        } while (!last.data().contains("\"step\":[4]"));
        lastSeenByLeaver = Long.parseLong(last.id());
      }
      writeAndAwait(writer, witness, seen, 5, 10);
      List<EventStreamClient.Event> missed =
          seen.stream().filter(e -> Long.parseLong(e.id()) > lastSeenByLeaver).toList();
      assertThat(missed).hasSize(5);

      try (EventStreamClient back =
          connect(only("resume"), Map.of("Last-Event-ID", Long.toString(lastSeenByLeaver)))) {
        for (EventStreamClient.Event expected : missed) {
          EventStreamClient.Event replayed = nextFrame(back, TIMEOUT);
          assertThat(List.of(replayed.id(), replayed.name(), replayed.data()))
              .isEqualTo(List.of(expected.id(), expected.name(), expected.data()));
        }
        // Then live frames, with nothing doubled in between.
        writeAndAwait(writer, witness, seen, 10, 11);
        EventStreamClient.Event live = nextFrame(back, TIMEOUT);
        assertThat(live.id()).isEqualTo(seen.get(seen.size() - 1).id());
        assertThat(live.data()).contains("\"step\":[10]");
      }
    }
  }

  /** Writes steps [from, to) one flush each, waiting until the witness has each one's frame. */
  private void writeAndAwait(
      EventLogWriter writer, EventStreamClient witness, List<EventStreamClient.Event> seen, int from, int to)
      throws Exception {
    for (int step = from; step < to; step++) {
      writer.scalar("loss", step, step);
      writer.flush();
      EventStreamClient.Event event;
      do {
        event = nextFrame(witness, TIMEOUT);
      } while (!event.name().equals("scalars"));
      assertThat(event.data()).contains("\"step\":[" + step + "]");
      seen.add(event);
    }
  }

  @Test
  void aLastEventIdTheServerNoLongerHoldsGetsAResyncThenLiveFrames() throws Exception {
    long runEventId;
    try (EventStreamClient first = connect(only("evict"), Map.of());
        EventLogWriter writer = writer(logdir.resolve("evict"))) {
      writer.scalar("loss", 0, 0);
      writer.flush();
      runEventId = Long.parseLong(nextFrame(first, TIMEOUT).id());
      // ~0.5 MB of frames after it: more than the 256 KB the server keeps for resumes.
      for (int step = 1; step <= 12_000; step++) {
        writer.scalar("loss", step, step);
      }
      writer.flush();
      EventStreamClient.Event event;
      do {
        event = nextFrame(first, TIMEOUT);
      } while (!event.data().contains("12000]"));
    }
    for (long lost : new long[] {runEventId, 0, Long.MAX_VALUE}) {
      try (EventStreamClient back = connect(only("evict"), Map.of("Last-Event-ID", Long.toString(lost)));
          EventLogWriter writer = writer(logdir.resolve("evict"))) {
        EventStreamClient.Event resync = nextFrame(back, TIMEOUT);
        assertThat(resync.name()).as("after Last-Event-ID %d", lost).isEqualTo("resync");
        JsonNode data = json.readTree(resync.data());
        assertThat(data.get("reason").asText()).isEqualTo("last-event-id-unavailable");
        assertThat(data.get("last_id").asLong()).isEqualTo(Long.parseLong(resync.id()));

        writer.scalar("after-resync", 0, 1.0);
        writer.flush();
        EventStreamClient.Event live = nextFrame(back, TIMEOUT);
        assertThat(live.name()).isEqualTo("scalars");
        assertThat(Long.parseLong(live.id())).isGreaterThan(data.get("last_id").asLong());
      }
    }
  }

  @Test
  void aClientThatHangsUpIsRemovedByTheNextWrite() throws Exception {
    Thread.sleep(1000); // clients closed by earlier tests are noticed by a heartbeat (300 ms)
    int before = hub.clientCount();
    EventStreamClient stream = connect(only("hang-up"), Map.of());
    assertThat(hub.clientCount()).isEqualTo(before + 1);
    stream.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> hub.clientCount() == before);
  }

  @Test
  void heartbeatCommentsKeepAnIdleStreamBusy() throws Exception {
    try (EventStreamClient stream = connect(only("nothing-is-written-here"), Map.of())) {
      EventStreamClient.Event event = stream.next(Duration.ofSeconds(5));
      assertThat(event.name()).isEqualTo("comment");
      assertThat(event.data()).isEqualTo("heartbeat");
      assertThat(stream.next(Duration.ofSeconds(5)).data()).isEqualTo("heartbeat");
    }
  }
}
