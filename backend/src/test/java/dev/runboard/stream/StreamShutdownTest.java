package dev.runboard.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.RunboardApplication;
import dev.runboard.bench.SseResponseDecoder;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Stopping the server ends open streams cleanly, so they do not hold up its graceful shutdown. */
class StreamShutdownTest {
  @TempDir Path logdir;

  @Test
  void closingTheServerEndsOpenStreamsAtOnce() throws Exception {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(RunboardApplication.class)
            .run("--server.port=0", "--server.address=127.0.0.1", "--runboard.logdir=" + logdir);
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    List<Socket> sockets = new ArrayList<>();
    List<SseResponseDecoder> decoders = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write(
            "GET /api/v1/stream HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        SseResponseDecoder decoder = new SseResponseDecoder(e -> {});
        while (!decoder.streaming()) {
          read(socket.getInputStream(), decoder);
        }
        sockets.add(socket);
        decoders.add(decoder);
      }
      long start = System.nanoTime();
      context.close();
      double seconds = (System.nanoTime() - start) / 1e9;
      // Graceful shutdown waits up to 30 s for open requests; ended streams are not waited for.
      assertThat(seconds).as("shutdown time").isLessThan(15);
      for (int i = 0; i < sockets.size(); i++) {
        while (!decoders.get(i).ended()) {
          assertThat(read(sockets.get(i).getInputStream(), decoders.get(i)))
              .as("stream %d ended with the last chunk, not a reset", i)
              .isTrue();
        }
      }
    } finally {
      context.close();
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  private static boolean read(InputStream in, SseResponseDecoder decoder) throws Exception {
    byte[] buffer = new byte[4096];
    int n = in.read(buffer);
    if (n < 0) {
      return false;
    }
    decoder.feed(ByteBuffer.wrap(buffer, 0, n), System.nanoTime());
    return true;
  }
}
