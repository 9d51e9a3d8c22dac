package dev.runboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runboard.eventlog.EventLogWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The scalar query API's benchmarks ({@code runboard bench query}), against a real {@code runboard
 * serve} process over HTTP on localhost: M4 reads of 1 M- and 10 M-point series beside the
 * full-resolution JSON of the same series, the same with EMA smoothing, groups of 100 runs on
 * 2,000 columns beside the batch of the same series, and one batch against 1,500 single requests.
 * Times are medians of 20 after a warm-up (100 rounds over the M4 cases, then 20 requests of the
 * case: the server's JIT compiles the reads and the encoding in them), both request to last byte
 * received and the server's own time for the request (Spring's {@code http.server.requests}
 * timer, read from the server's metrics endpoint around each request: reading, bucketing,
 * encoding and writing the answer). A server writing a large answer waits for its client to read
 * it, so the timed requests go through a {@link PlainHttpClient}, which reads as fast as the
 * socket delivers.
 */
public final class QueryBench implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TIMES = 20;
  private static final int WARM_UP = 100;

  private final Path work;
  private final BenchReport report;
  private final HttpClient http = HttpClient.newHttpClient();
  private IndexBench.ServerProcess server;

  public QueryBench(Path work, PrintWriter out) {
    this.work = work;
    this.report = new BenchReport(out);
  }

  /** Writes (or reuses) the logdir, starts the server and waits until it has loaded everything. */
  public void start(List<String> cases, String heap) throws Exception {
    Path logdir = work.resolve("query");
    if (cases.contains("m4") && !Files.isDirectory(logdir.resolve("m1"))) {
      series(logdir.resolve("m1"), "loss", 1_000_000);
      series(logdir.resolve("m10"), "loss", 10_000_000);
    }
    if (cases.contains("groups") && !Files.isDirectory(logdir.resolve("groups"))) {
      for (int r = 0; r < 100; r++) {
        series(logdir.resolve(String.format("groups/lr%d/seed%03d", r % 4, r)), "loss", 10_000);
      }
    }
    if (cases.contains("batch") && !Files.isDirectory(logdir.resolve("batch"))) {
      for (int r = 0; r < 50; r++) {
        try (EventLogWriter w = EventLogWriter.open(logdir.resolve(String.format("batch/run%02d", r)), IndexBench.quietWriter())) {
          for (int s = 0; s < 1000; s++) {
            for (int t = 0; t < 30; t++) {
              w.scalar("tag" + t, s, 1_700_000_000.0 + s, Math.sin(s * 0.01 + t + r));
            }
          }
        }
      }
    }
    server = IndexBench.ServerProcess.start(logdir.toString(), logdir.resolveSibling("query-server.log"), heap,
        List.of("-Dmanagement.endpoints.web.exposure.include=health,metrics"), List.of());
    server.awaitReady(http);
  }

  private static void series(Path run, String tag, int points) throws IOException {
    try (EventLogWriter w = EventLogWriter.open(run, IndexBench.quietWriter())) {
      for (int s = 0; s < points; s++) {
        w.scalar(tag, s, 1_700_000_000.0 + s * 0.01, (float) (Math.exp(-s / (double) points) + 0.05 * Math.sin(s)));
      }
    }
  }

  /** 1 M points: M4 at 2,000 columns, with EMA, and the full-resolution JSON for the ratio. */
  public void m4() {
    String series = "/api/v1/scalars?run=m1&tag=loss";
    warmUp(List.of(series + "&points=2000", series + "&points=2000&smoothing=ema:0.6",
        "/api/v1/scalars?run=m10&tag=loss&points=2000"));
    Timing m4 = timed(series + "&points=2000", TIMES);
    Timing ema = timed(series + "&points=2000&smoothing=ema:0.6", TIMES);
    Timing full = timed(series, 5);
    report.line("m4 1M: 1,000,000 points -> points=2000: server %.2f ms (round trip %.2f ms); with smoothing=ema:0.6"
            + " server %.2f ms (round trip %.2f ms); full-resolution JSON server %.0f ms (%.0fx the M4 time)",
        m4.server(), m4.roundTrip(), ema.server(), ema.roundTrip(), full.server(), full.server() / m4.server());
    report.check(m4.server() <= 10, "1 M points to 2,000 columns within 10 ms of server time");
    report.check(ema.server() <= 20, "1 M points smoothed to 2,000 columns within 20 ms of server time");
    Timing m10 = timed("/api/v1/scalars?run=m10&tag=loss&points=2000", TIMES);
    report.line("m4 10M: 10,000,000 points -> points=2000: server %.2f ms (round trip %.2f ms; %.1fx the 1 M time"
            + " for 10x the points)", m10.server(), m10.roundTrip(), m10.server() / m4.server());
    report.check(m10.server() <= 100, "10 M points to 2,000 columns within 100 ms of server time");
  }

  /** 100 runs of 10,000 points: mean ± std on 2,000 columns, beside the batch of the same series. */
  public void groups() {
    Timing groups = timed("/api/v1/scalars/groups?tag=loss&group_by=" + "lr%5Cd%2B" + "&points=2000&band=std", TIMES);
    ObjectNode body = JSON.createObjectNode().put("points", 2000);
    ArrayNode requests = body.putArray("requests");
    for (int r = 0; r < 100; r++) {
      requests.addObject().put("run", String.format("groups/lr%d/seed%03d", r % 4, r)).put("tag", "loss");
    }
    double batch = medianPost(body, TIMES);
    report.line("groups: 100 runs x 10,000 points -> 4 groups, mean +- std on 2000 columns: server %.2f ms (round"
        + " trip %.2f ms; the same 100 series as one M4 batch: %.2f ms)", groups.server(), groups.roundTrip(), batch);
    report.check(groups.server() <= 50, "groups of 100 runs x 10,000 points within 50 ms of server time");
  }

  /** 50 runs x 30 tags: one batch request against 1,500 single requests, at 500 columns. */
  public void batch() {
    ObjectNode body = JSON.createObjectNode().put("points", 500);
    ArrayNode requests = body.putArray("requests");
    for (int r = 0; r < 50; r++) {
      for (int t = 0; t < 30; t++) {
        requests.addObject().put("run", String.format("batch/run%02d", r)).put("tag", "tag" + t);
      }
    }
    double batch = medianPost(body, 5);
    double singles = IndexBench.median(() -> {
      for (int r = 0; r < 50; r++) {
        for (int t = 0; t < 30; t++) {
          send(HttpRequest.newBuilder(server.uri(String.format("/api/v1/scalars?run=batch%%2Frun%02d&tag=tag%d&points=500", r, t))).build());
        }
      }
    }, 5);
    report.line("batch: 50 runs x 30 tags x 1,000 points at points=500: one batch %.0f ms, 1,500 single requests %.0f ms (%.1fx)",
        batch, singles, singles / batch);
  }

  /** The summary line; whether every goal was met. */
  public boolean summary() {
    return report.summary();
  }

  /** Stops the server. */
  @Override
  public void close() throws InterruptedException {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** Medians in milliseconds: request to last byte received, and the server's own time. */
  record Timing(double roundTrip, double server) {}

  /**
   * Requests the paths in turn, {@link #WARM_UP} rounds: a server just started still compiles
   * its hot paths for a few seconds, and the first case timed would pay for every case.
   */
  private void warmUp(List<String> paths) {
    try (PlainHttpClient client = new PlainHttpClient(server.uri("/"))) {
      for (int round = 0; round < WARM_UP; round++) {
        for (String path : paths) {
          get(client, path);
        }
      }
    }
  }

  private Timing timed(String path, int times) {
    String uri = URI.create(path).getPath();
    try (PlainHttpClient client = new PlainHttpClient(server.uri("/"))) {
      for (int i = 0; i < Math.min(WARM_UP / 5, 2 * times); i++) { // fewer for the few slow full reads
        get(client, path);
      }
      double[] roundTrip = new double[times];
      double[] serverTime = new double[times];
      for (int i = 0; i < times; i++) {
        double[] before = requestTimer(uri, -1);
        long start = System.nanoTime();
        get(client, path);
        roundTrip[i] = (System.nanoTime() - start) / 1e6;
        double[] after = requestTimer(uri, (long) before[0] + 1);
        serverTime[i] = (after[1] - before[1]) * 1000;
      }
      Arrays.sort(roundTrip);
      Arrays.sort(serverTime);
      return new Timing(roundTrip[times / 2], serverTime[times / 2]);
    }
  }

  private static void get(PlainHttpClient client, String path) {
    try {
      PlainHttpClient.Response r = client.get(path);
      if (r.status() != 200) {
        throw new IllegalStateException(path + " answered " + r.status() + ": " + new String(r.body()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The server's request count and total seconds for the URI; with {@code count} at least 0,
   * waits until the count has reached it (the timer stops after the last byte is handed over).
   */
  private double[] requestTimer(String uri, long count) {
    URI metric = server.uri("/actuator/metrics/http.server.requests?tag=uri:" + uri);
    for (int attempt = 0; ; attempt++) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(metric).build(), HttpResponse.BodyHandlers.ofString());
        double n = 0;
        double total = 0;
        if (r.statusCode() == 200) {
          for (JsonNode m : JSON.readTree(r.body()).path("measurements")) {
            switch (m.path("statistic").asText()) {
              case "COUNT" -> n = m.path("value").asDouble();
              case "TOTAL_TIME" -> total = m.path("value").asDouble();
              default -> { }
            }
          }
        } else if (r.statusCode() != 404) { // 404: no request with that URI yet
          throw new IllegalStateException(metric + " answered " + r.statusCode());
        }
        if (n >= count) {
          return new double[] {n, total};
        }
        if (attempt == 1000) {
          throw new IllegalStateException("the server's request timer for " + uri + " did not count the request"
              + " within a second: no server time to report");
        }
        Thread.sleep(1);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private double medianPost(JsonNode body, int times) {
    HttpRequest request = HttpRequest.newBuilder(server.uri("/api/v1/scalars/batch"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    return IndexBench.median(() -> send(request), times);
  }

  private void send(HttpRequest request) {
    try {
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(request.uri() + " answered " + r.statusCode() + ": " + new String(r.body()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
