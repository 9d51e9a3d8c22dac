package dev.runboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.bench.StreamFanoutBench.Latency;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.EventLogWriterOptions;
import dev.runboard.eventlog.s3.S3Location;
import dev.runboard.eventlog.s3.S3WriterOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * A team's dashboard under load: R replica processes ({@code runboard serve}) read the same
 * s3:// logdir, each indexing on its own; V viewers per replica (pinned to it, as a sticky load
 * balancer would) each load the page's HTML, then every {@code pageInterval}, and hold an event
 * stream of the run, while a writer in this JVM logs points into that run through the object store
 * (segments uploaded every flush interval; the replicas list every poll interval). Measures:
 *
 * <ul>
 *   <li>delivery: from a point's timestamp at the writer to its arrival at each viewer: flush
 *       interval + listing interval + ranged GET + fan-out;
 *   <li>page: {@code GET /} (the Vaadin bootstrap page, a first visit each time: no cookie);
 *   <li>errors: viewers that missed, doubled or reordered a point (a {@code resync} event is
 *       allowed), lost streams, page loads that failed or were not the page.
 * </ul>
 */
public final class TeamLoadBench implements AutoCloseable {
  static final String TAG = "team";

  /** One case: {@code viewers} per replica, {@code pointsPerSecond} for {@code duration}. */
  public record Config(int viewers, int pointsPerSecond, Duration duration, Duration pageInterval) {
    long points() {
      return Math.max(1, Math.round(pointsPerSecond * duration.toMillis() / 1000.0));
    }
  }

  /**
   * @param complete viewers that got every point once and in order
   * @param resynced viewers that got a resync and every point after it in order
   * @param failed the others (a missed, doubled or reordered point, a lost stream, no last point)
   */
  public record Result(
      Config config, int replicas, long pointsSent, int complete, int resynced, int failed, String firstProblem,
      Latency delivery, long pageLoads, long pageErrors, Latency page, int streamsLost) {
    public boolean ok() {
      return failed == 0 && pageErrors == 0 && streamsLost == 0;
    }
  }

  private final List<IndexBench.ServerProcess> servers;
  private final List<InetSocketAddress> replicas;
  private final S3Location logdir;
  private final S3WriterOptions upload;
  private final ObjectMapper json = new ObjectMapper();

  private TeamLoadBench(List<IndexBench.ServerProcess> servers, S3Location logdir, S3WriterOptions upload) {
    this.servers = List.copyOf(servers);
    this.replicas = servers.stream().map(s -> new InetSocketAddress("127.0.0.1", s.port)).toList();
    this.logdir = logdir;
    this.upload = upload;
  }

  /**
   * Starts {@code count} replicas ({@code runboard serve} processes with this heap, listing the
   * store every {@code poll}; their output in {@code work/replica-N.log}) on {@code logdir} and
   * waits until each is ready. The writer reaches the store with {@code upload}.
   *
   * @param serveOptions extra {@code serve} flags ({@code --s3-endpoint URL})
   */
  public static TeamLoadBench start(S3Location logdir, List<String> serveOptions, int count, String heap, Duration poll,
      Path work, S3WriterOptions upload) throws IOException, InterruptedException {
    List<IndexBench.ServerProcess> servers = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        servers.add(IndexBench.ServerProcess.start(logdir.toUri().toString(), work.resolve("replica-" + i + ".log"), heap,
            List.of("-Drunboard.s3.poll-interval=" + poll.toMillis() + "ms"), serveOptions));
      }
      HttpClient http = HttpClient.newHttpClient();
      for (IndexBench.ServerProcess server : servers) {
        server.awaitReady(http);
        // One page load first, not measured: the first one of a JVM is mostly class loading.
        http.send(HttpRequest.newBuilder(server.uri("/")).header("Accept", "text/html").build(),
            HttpResponse.BodyHandlers.discarding());
      }
      return new TeamLoadBench(servers, logdir, upload);
    } catch (IOException | InterruptedException | RuntimeException e) {
      for (IndexBench.ServerProcess server : servers) {
        server.close();
      }
      throw e;
    }
  }

  /** Stops the replicas. */
  @Override
  public void close() throws InterruptedException {
    for (IndexBench.ServerProcess server : servers) {
      server.close();
    }
  }

  /** What the viewers of one replica received; touched by that replica's pool thread only. */
  private final class Viewers implements SseClientPool.Listener {
    final long total;
    final long[] nextStep;
    final boolean[] gapAllowed;
    final boolean[] warmedUp;
    final boolean[] finished;
    final int[] resyncs;
    final String[] problem;
    final Map<Long, double[][]> frames = new HashMap<>(); // id -> {steps, wall times}, same for every viewer
    final LatencyHistogram delivery = new LatencyHistogram();
    final AtomicInteger warm;
    final AtomicInteger done;
    final Clock clock;

    Viewers(int viewers, long total, AtomicInteger warm, AtomicInteger done, Clock clock) {
      this.total = total;
      this.nextStep = new long[viewers];
      this.gapAllowed = new boolean[viewers];
      this.warmedUp = new boolean[viewers];
      this.finished = new boolean[viewers];
      this.resyncs = new int[viewers];
      this.problem = new String[viewers];
      this.warm = warm;
      this.done = done;
      this.clock = clock;
    }

    @Override
    public void onEvent(int viewer, SseResponseDecoder.Event event) {
      if (problem[viewer] != null || event.name().equals("comment") || event.name().equals("run")) {
        return;
      }
      if (event.name().equals("resync")) {
        resyncs[viewer]++;
        gapAllowed[viewer] = true;
        return;
      }
      if (!event.name().equals("scalars")) {
        return; // other kinds (status, problems) are not what is measured
      }
      double[][] frame = frames.computeIfAbsent(Long.parseLong(event.id()), id -> parse(event.data()));
      double received = clock.epochSeconds(event.receivedNanos());
      for (int i = 0; i < frame[0].length; i++) {
        long step = (long) frame[0][i];
        if (step < 0) {
          if (!warmedUp[viewer]) {
            warmedUp[viewer] = true;
            warm.incrementAndGet();
          }
          continue;
        }
        if (step != nextStep[viewer] && !(gapAllowed[viewer] && step > nextStep[viewer])) {
          problem[viewer] = "step " + step + " where " + nextStep[viewer] + " was due";
          return;
        }
        gapAllowed[viewer] = false;
        nextStep[viewer] = step + 1;
        delivery.record((received - frame[1][i]) * 1000);
        if (step == total - 1 && !finished[viewer]) {
          finished[viewer] = true;
          done.incrementAndGet();
        }
      }
    }
  }

  /** Epoch seconds from {@link System#nanoTime()}, finer than the wall clock; one for writer and viewers. */
  private record Clock(long nanoBase, double epochBase) {
    static Clock now() {
      return new Clock(System.nanoTime(), System.currentTimeMillis() / 1000.0);
    }

    double epochSeconds(long nanos) {
      return epochBase + (nanos - nanoBase) / 1e9;
    }
  }

  /** Page loads of every viewer, timed; recorded from the HTTP client's threads. */
  private static final class Pages {
    final LatencyHistogram latency = new LatencyHistogram();
    final AtomicLong loads = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicInteger inFlight = new AtomicInteger();
    volatile String firstError;

    CompletableFuture<Void> load(HttpClient http, URI page) {
      inFlight.incrementAndGet();
      long start = System.nanoTime();
      return http.sendAsync(HttpRequest.newBuilder(page).header("Accept", "text/html").timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofString())
          .handle((response, failure) -> {
            double ms = (System.nanoTime() - start) / 1e6;
            boolean good = failure == null && response.statusCode() == 200
                && response.body().regionMatches(true, 0, "<!doctype html", 0, 14);
            synchronized (latency) {
              latency.record(ms);
            }
            loads.incrementAndGet();
            if (!good) {
              errors.incrementAndGet();
              if (firstError == null) {
                firstError = page + ": " + (failure != null ? failure.toString() : "status " + response.statusCode());
              }
            }
            inFlight.decrementAndGet();
            return null;
          });
    }
  }

  /** Runs one case, writing into a new run named {@code run}. */
  public Result run(String run, Config config) throws Exception {
    long total = config.points();
    Clock clock = Clock.now();
    AtomicInteger warm = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    int viewersInAll = config.viewers() * replicas.size();
    String target = "/api/v1/stream?run=" + URLEncoder.encode("^" + Pattern.quote(run) + "$", StandardCharsets.UTF_8);
    List<Viewers> receipts = new ArrayList<>();
    List<SseClientPool> pools = new ArrayList<>();
    Pages pages = new Pages();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "runboard-bench-page-reloads");
      thread.setDaemon(true);
      return thread;
    });
    long sent = 0;
    try {
      for (InetSocketAddress replica : replicas) {
        URI page = URI.create("http://127.0.0.1:" + replica.getPort() + "/");
        for (int v = 0; v < config.viewers(); v++) {
          pages.load(http, page); // the viewer opens the dashboard...
          long offset = config.pageInterval().toMillis() * v / config.viewers();
          reloads.scheduleAtFixedRate(() -> pages.load(http, page),
              config.pageInterval().toMillis() + offset, config.pageInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
        Viewers viewers = new Viewers(config.viewers(), total, warm, done, clock);
        receipts.add(viewers);
        pools.add(SseClientPool.open(replica, target, config.viewers(), viewers)); // ...and its stream
      }
      for (SseClientPool pool : pools) {
        pool.awaitConnected(Duration.ofSeconds(60 + config.viewers() / 10));
      }
      try (EventLogWriter writer = EventLogWriter.open(logdir.resolve(run).toUri(), EventLogWriterOptions.defaults(), upload)) {
        // The first point also waits for every replica to list the new run: a warm-up, not measured.
        writer.scalar(TAG, -1, clock.epochSeconds(System.nanoTime()), -1);
        writer.flush();
        awaitCount(warm, viewersInAll, Duration.ofSeconds(120), pools);
        long start = System.nanoTime();
        while (sent < total) {
          long due = Math.min(total, (System.nanoTime() - start) * config.pointsPerSecond() / 1_000_000_000L + 1);
          for (; sent < due; sent++) {
            writer.scalar(TAG, sent, clock.epochSeconds(System.nanoTime()), sent);
          }
          LockSupport.parkNanos(1_000_000);
        }
      } // closing uploads the last segment
      awaitCount(done, viewersInAll, Duration.ofSeconds(60), pools);
    } catch (TimeoutException late) {
      // Counted below: the viewers that did not finish failed.
    } finally {
      reloads.shutdownNow();
      for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
          pages.inFlight.get() > 0 && System.nanoTime() < deadline; ) {
        Thread.sleep(10);
      }
      for (SseClientPool pool : pools) {
        pool.close();
      }
    }
    return result(config, sent, receipts, pools, pages);
  }

  private Result result(Config config, long sent, List<Viewers> receipts, List<SseClientPool> pools, Pages pages) {
    int complete = 0;
    int resynced = 0;
    int failed = 0;
    int lost = 0;
    String firstProblem = pages.firstError;
    LatencyHistogram delivery = new LatencyHistogram();
    for (int r = 0; r < receipts.size(); r++) {
      Viewers viewers = receipts.get(r);
      delivery.add(viewers.delivery);
      lost += pools.get(r).lost();
      if (firstProblem == null && pools.get(r).firstFailure() != null) {
        firstProblem = "replica " + r + " " + pools.get(r).firstFailure();
      }
      for (int v = 0; v < viewers.problem.length; v++) {
        String problem = viewers.problem[v] != null ? viewers.problem[v] : viewers.finished[v] ? null : "did not get the last point";
        if (problem != null) {
          failed++;
          if (firstProblem == null) {
            firstProblem = "replica " + r + " viewer " + v + ": " + problem;
          }
        } else if (viewers.resyncs[v] > 0) {
          resynced++;
        } else {
          complete++;
        }
      }
    }
    return new Result(config, receipts.size(), sent, complete, resynced, failed, firstProblem,
        Latency.of(delivery), pages.loads.get(), pages.errors.get(), Latency.of(pages.latency), lost);
  }

  private double[][] parse(byte[] data) {
    try {
      JsonNode node = json.readTree(data);
      JsonNode steps = node.get("step");
      JsonNode wallTimes = node.get("wall_time");
      double[][] frame = new double[2][steps.size()];
      for (int i = 0; i < steps.size(); i++) {
        frame[0][i] = steps.get(i).asLong();
        frame[1][i] = wallTimes.get(i).asDouble();
      }
      return frame;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitCount(AtomicInteger count, int target, Duration timeout, List<SseClientPool> pools)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count.get() + pools.stream().mapToInt(SseClientPool::lost).sum() < target) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(count.get() + " of " + target + " viewers in time");
      }
      Thread.sleep(5);
    }
  }

  /** One line per case. */
  public static void report(Result r, PrintWriter out) {
    out.printf(Locale.ROOT,
        "replicas=%d viewers=%d/replica rate=%d/s points=%d complete=%d resync=%d failed=%d streams_lost=%d"
            + " delivery_ms p50=%.0f p99=%.0f max=%.0f page_loads=%d page_errors=%d page_ms p50=%.1f p99=%.1f max=%.1f%s%n",
        r.replicas(), r.config().viewers(), r.config().pointsPerSecond(), r.pointsSent(), r.complete(), r.resynced(),
        r.failed(), r.streamsLost(), r.delivery().p50(), r.delivery().p99(), r.delivery().max(),
        r.pageLoads(), r.pageErrors(), r.page().p50(), r.page().p99(), r.page().max(),
        r.firstProblem() == null ? "" : " first_problem=\"" + r.firstProblem() + "\"");
    out.flush();
  }

  /**
   * The last line: {@code team_load ok=yes|no}, the largest case's figures, and its p99s against
   * the first case's (run the fewest viewers first: the baseline of the same run).
   */
  public static void summary(List<Result> results, PrintWriter out) {
    Result base = results.get(0);
    Result top = results.get(results.size() - 1);
    out.printf(Locale.ROOT,
        "team_load ok=%s replicas=%d viewers=%d delivery_p99_ms=%.0f (x%.2f of %d viewers/replica) page_p99_ms=%.1f (x%.2f)"
            + " errors=%d%n",
        results.stream().allMatch(Result::ok) ? "yes" : "no", top.replicas(), top.config().viewers() * top.replicas(),
        top.delivery().p99(), top.delivery().p99() / base.delivery().p99(), base.config().viewers(),
        top.page().p99(), top.page().p99() / base.page().p99(),
        results.stream().mapToLong(r -> r.failed() + r.pageErrors() + r.streamsLost()).sum());
    out.flush();
  }
}
