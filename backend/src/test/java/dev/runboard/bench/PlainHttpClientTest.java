package dev.runboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The benchmarks' HTTP client against the JDK's HTTP server: lengths, chunks, kept-alive sockets. */
class PlainHttpClientTest {
  @Test
  void readsBodiesByLengthAndInChunksOverOneConnection() throws Exception {
    byte[] large = new byte[700_000];
    new Random(1).nextBytes(large);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/fixed", exchange -> {
      exchange.sendResponseHeaders(200, large.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(large);
      }
    });
    server.createContext("/chunked", exchange -> {
      exchange.sendResponseHeaders(200, 0); // length 0: chunked
      try (OutputStream out = exchange.getResponseBody()) {
        for (int at = 0; at < large.length; at += 10_007) {
          out.write(large, at, Math.min(10_007, large.length - at));
          out.flush();
        }
      }
    });
    server.createContext("/missing", exchange -> {
      exchange.sendResponseHeaders(404, -1); // no body
      exchange.close();
    });
    server.start();
    try (PlainHttpClient client = new PlainHttpClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))) {
      for (int i = 0; i < 3; i++) {
        PlainHttpClient.Response fixed = client.get("/fixed?i=" + i);
        assertThat(fixed.status()).isEqualTo(200);
        assertThat(fixed.body()).isEqualTo(large);
        PlainHttpClient.Response chunked = client.get("/chunked");
        assertThat(chunked.status()).isEqualTo(200);
        assertThat(chunked.body()).isEqualTo(large);
      }
      PlainHttpClient.Response missing = client.get("/missing");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.body()).isEmpty();
      assertThat(client.get("/fixed").body()).isEqualTo(large);
    } finally {
      server.stop(0);
    }
  }
}
