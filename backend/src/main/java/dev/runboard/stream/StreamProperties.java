package dev.runboard.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the event stream ({@code GET /api/v1/stream}) buffers and keeps connections alive.
 *
 * @param clientBuffer frames queued for one client before it is declared behind: its queue is
 *     dropped and it receives {@code event: resync}
 * @param replayBytes recent frames kept for clients that reconnect with {@code Last-Event-ID}
 * @param heartbeat how often a comment line is sent, so that proxies keep idle streams open and
 *     dead peers are noticed
 * @param writerThreads threads that write queued frames to the clients' sockets (non-blocking
 *     writes: this does not grow with the number of clients)
 */
@ConfigurationProperties("runboard.stream")
public record StreamProperties(
    @DefaultValue("4MB") DataSize clientBuffer,
    @DefaultValue("16MB") DataSize replayBytes,
    @DefaultValue("15s") Duration heartbeat,
    @DefaultValue("2") int writerThreads) {
  public StreamProperties {
    if (clientBuffer.toBytes() < 1) {
      throw new IllegalArgumentException("runboard.stream.client-buffer must be positive");
    }
    if (replayBytes.toBytes() < 0) {
      throw new IllegalArgumentException("runboard.stream.replay-bytes must not be negative");
    }
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException("runboard.stream.heartbeat must be positive");
    }
    if (writerThreads < 1) {
      throw new IllegalArgumentException("runboard.stream.writer-threads must be at least 1");
    }
  }
}
