package dev.runboard.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.bench.EventStreamClient;
import dev.runboard.bench.SseResponseDecoder;
import dev.runboard.eventlog.EventLogWriter;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A client that stops reading (a raw socket with a tiny receive buffer) falls behind by more than
 * its 2 MB buffer while two fast clients read everything: it gets {@code event: resync} once it
 * reads again, then new frames; the fast clients get every point and no resync.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "runboard.stream.client-buffer=2MB")
class SlowClientTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** Points per burst (~0.5 MB of frames: a few bursts fit a fast client's buffer). */
  private static final int BURST = 10_000;
  /** ~24 MB in all: more than the socket buffers on both sides plus the client's 2 MB. */
  private static final int BURSTS = 50;

  @TempDir static Path logdir;

  @LocalServerPort int port;
  private final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void logdir(DynamicPropertyRegistry registry) {
    registry.add("runboard.logdir", () -> logdir.toString());
  }

  /** A blocking raw-socket SSE client that reads only when told to. */
  private final class RawClient implements AutoCloseable {
    final Socket socket = new Socket();
    final List<SseResponseDecoder.Event> events = new ArrayList<>();
    final SseResponseDecoder decoder = new SseResponseDecoder(events::add);
    final byte[] buffer = new byte[4096];
    InputStream in;

    RawClient() throws Exception {
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("localhost", port));
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      socket.getOutputStream().write(
          ("GET /api/v1/stream?run=%5Eslow%24 HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      in = socket.getInputStream();
    }

    /** Reads until {@code events} holds more than {@code count} events. */
    SseResponseDecoder.Event readEvent(int index) throws Exception {
      while (events.size() <= index) {
        int n = in.read(buffer);
        assertThat(n).as("the server ended the stream").isPositive();
        decoder.feed(ByteBuffer.wrap(buffer, 0, n), System.nanoTime());
      }
      return events.get(index);
    }

    @Override
    public void close() throws Exception {
      socket.close();
    }
  }

  @Test
  void aClientThatStopsReadingGetsAResyncAndTheFastClientsEveryPoint() throws Exception {
    URI uri = URI.create("http://localhost:" + port + "/api/v1/stream?run=%5Eslow%24");
    try (EventStreamClient fast1 = EventStreamClient.connect(uri);
        EventStreamClient fast2 = EventStreamClient.connect(uri);
        RawClient slow = new RawClient()) {
      assertThat(slow.readEvent(0).dataText()).isEqualTo("connected");
      assertThat(slow.decoder.streaming()).isTrue();
      // From here on the slow client reads nothing until every burst is written.
      long total = (long) BURST * BURSTS;
      try (EventLogWriter writer = EventLogWriter.open(logdir.resolve("slow"))) {
        for (long step = 0; step < total; step++) {
          writer.scalar("loss", step, step);
          if (step % BURST == BURST - 1) {
            writer.flush();
            Thread.sleep(150);
          }
        }
      }
      for (EventStreamClient fast : List.of(fast1, fast2)) {
        long next = 0;
        while (next < total) {
          EventStreamClient.Event event = fast.next(TIMEOUT);
          assertThat(event.name()).isNotEqualTo("resync");
          if (event.name().equals("scalars")) {
            for (JsonNode step : json.readTree(event.data()).get("step")) {
              assertThat(step.asLong()).isEqualTo(next++);
            }
          }
        }
      }

      // The slow client reads again: points in order up to the resync, which says where it is.
      long next = 0;
      int index = 1;
      SseResponseDecoder.Event event;
      while (!(event = slow.readEvent(index++)).name().equals("resync")) {
        if (event.name().equals("scalars")) {
          for (JsonNode step : json.readTree(event.data()).get("step")) {
            assertThat(step.asLong()).isEqualTo(next++);
          }
        }
      }
      assertThat(next).as("points before the resync").isLessThan(total);
      JsonNode resync = json.readTree(event.data());
      assertThat(resync.get("reason").asText()).isEqualTo("client-behind");
      long lastId = resync.get("last_id").asLong();
      assertThat(event.id()).isEqualTo(Long.toString(lastId));

      // After it: only frames published later, in order, up to the last point written.
      long lastStep = -1;
      while (lastStep != total - 1) {
        event = slow.readEvent(index++);
        if (event.name().equals("comment")) {
          continue; // a heartbeat
        }
        assertThat(Long.parseLong(event.id())).isGreaterThan(lastId);
        lastId = Long.parseLong(event.id());
        if (event.name().equals("scalars")) {
          JsonNode steps = json.readTree(event.data()).get("step");
          assertThat(steps.get(0).asLong()).isGreaterThan(lastStep);
          lastStep = steps.get(steps.size() - 1).asLong();
        }
      }
      // Caught up: a new point arrives as a frame of its own, not as a resync.
      try (EventLogWriter writer = EventLogWriter.open(logdir.resolve("slow"))) {
        writer.scalar("loss", total, total);
      }
      do {
        event = slow.readEvent(index++);
        assertThat(event.name()).isNotEqualTo("resync");
      } while (!event.name().equals("scalars"));
      assertThat(Long.parseLong(event.id())).isGreaterThan(lastId);
      assertThat(json.readTree(event.data()).get("step").toString()).isEqualTo("[" + total + "]");
    }
  }
}
