package dev.runboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.EventLogWriterOptions;
import dev.runboard.stream.StreamFrame;
import dev.runboard.stream.StreamHub;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Fan-out of {@code GET /api/v1/stream} under load: N real SSE clients on loopback (one {@link
 * SseClientPool} thread) subscribe to one run of a real server, while a real {@link
 * EventLogWriter} logs R points/s into that run for a fixed time. It checks that every client got
 * every point exactly once and in order (or an explicit {@code event: resync} before a gap), and
 * measures per point and client:
 *
 * <ul>
 *   <li>end to end: from the writer's timestamp in the point ({@code wall_time}) to its arrival;
 *       includes the writer's flush interval and the index's file poll interval;
 *   <li>hub only (when given the server's {@link StreamHub}): from the hub accepting the frame to
 *       its arrival: fan-out, queueing, writing and the client's read.
 * </ul>
 *
 * and the server's thread count (this JVM's threads less the benchmark's own) while idle, at its
 * peak under load, and after the clients left. Usable from any command that has a server running
 * in this JVM.
 */
public final class StreamFanoutBench {
  static final String TAG = "fanout";
  /** The writer's flush interval: a few milliseconds of the end-to-end figure. */
  public static final Duration WRITER_FLUSH = Duration.ofMillis(10);

  /** One measurement: {@code clients} clients, {@code pointsPerSecond} points/s for {@code duration}. */
  public record Config(int clients, int pointsPerSecond, Duration duration) {
    public Config {
      if (clients < 1 || pointsPerSecond < 1 || duration.toMillis() < 1) {
        throw new IllegalArgumentException("clients, rate and duration must be positive");
      }
    }

    long points() {
      return Math.max(1, Math.round(pointsPerSecond * duration.toMillis() / 1000.0));
    }
  }

  /** Percentiles in milliseconds (NaN without samples). */
  public record Latency(long samples, double p50, double p99, double max) {
    static Latency of(LatencyHistogram histogram) {
      return new Latency(
          histogram.samples(), histogram.percentile(0.50), histogram.percentile(0.99),
          histogram.samples() == 0 ? Double.NaN : histogram.max());
    }
  }

  /**
   * @param complete clients that got every point exactly once, in order, and no resync
   * @param resynced clients that got a resync, and every point after it in order
   * @param failed clients that missed, doubled or reordered a point without a resync, got a
   *     damaged frame, lost their connection or did not get the last point in time
   * @param serverCpuMillis CPU time of the server's threads (indexing, fan-out, writes) from the
   *     first timed point to the last delivery: unlike latency, unaffected by other load
   */
  public record Result(
      Config config,
      long pointsSent,
      long frames,
      int complete,
      int resynced,
      int failed,
      String firstProblem,
      Latency endToEnd,
      Latency hub,
      int threadsIdle,
      int threadsPeak,
      int threadsAfter,
      double serverCpuMillis) {
    public boolean everyClientEveryPointOrResync() {
      return failed == 0;
    }
  }

  private final InetSocketAddress server;
  private final Path logdir;
  private final StreamHub hub;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param server the server's address
   * @param logdir the logdir it serves (each run of the benchmark writes a new run into it)
   * @param hub the server's hub, for hub-only latency; {@code null} to measure end to end only
   */
  public StreamFanoutBench(InetSocketAddress server, Path logdir, StreamHub hub) {
    this.server = server;
    this.logdir = logdir;
    this.hub = hub;
  }

  /** A point as the server published it, parsed once per frame: every client got the same bytes. */
  private record Frame(long crc, long[] steps, double[] wallTimes) {}

  /** What one client has received. */
  private static final class ClientState {
    long lastId = Long.MIN_VALUE;
    long nextStep;
    boolean gapAllowed;
    boolean warmedUp;
    boolean finished;
    int resyncs;
    long points;
    String problem;
  }

  /**
   * Checks and times what every client receives, as it arrives; touched only by the pool's thread
   * until the pool is closed (except {@code published}, {@code warmedUp} and {@code finished}).
   */
  private final class Receipts implements SseClientPool.Listener {
    final long total;
    final ClientState[] states;
    final Map<Long, Frame> frames = new HashMap<>();
    final Map<Long, Long> published = new ConcurrentHashMap<>();
    final LatencyHistogram endToEnd = new LatencyHistogram();
    final LatencyHistogram hubOnly = new LatencyHistogram();
    final AtomicInteger warmedUp = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();
    final long nanoBase = System.nanoTime();
    final double epochBase = System.currentTimeMillis() / 1000.0;
    private final CRC32 crc = new CRC32();

    Receipts(int clients, long total) {
      this.total = total;
      this.states = new ClientState[clients];
      for (int i = 0; i < clients; i++) {
        states[i] = new ClientState();
      }
    }

    /** Epoch seconds of a {@link System#nanoTime()} reading, finer than the wall clock. */
    double epochSeconds(long nanos) {
      return epochBase + (nanos - nanoBase) / 1e9;
    }

    @Override
    public void onEvent(int client, SseResponseDecoder.Event event) {
      ClientState state = states[client];
      if (state.problem != null || event.name().equals("comment") || event.name().equals("run")) {
        return;
      }
      long id = event.id() == null ? Long.MIN_VALUE : Long.parseLong(event.id());
      if (id <= state.lastId) {
        state.problem = "event id " + event.id() + " after " + state.lastId;
        return;
      }
      state.lastId = id;
      if (event.name().equals("resync")) {
        state.resyncs++;
        state.gapAllowed = true;
        return;
      }
      if (!event.name().equals("scalars") || event.dataLines() != 1 || event.data().length == 0) {
        state.problem = "unexpected event " + event.name() + " with " + event.dataLines() + " data lines";
        return;
      }
      crc.reset();
      crc.update(event.data());
      Frame frame = frames.computeIfAbsent(id, k -> parse(event.data(), crc.getValue()));
      if (frame.crc() != crc.getValue()) {
        state.problem = "frame " + id + " differs between clients";
        return;
      }
      Long publishedNanos = published.get(id);
      if (publishedNanos != null) {
        hubOnly.record((event.receivedNanos() - publishedNanos) / 1e6);
      }
      points(state, frame, epochSeconds(event.receivedNanos()));
    }

    private void points(ClientState state, Frame frame, double received) {
      for (int i = 0; i < frame.steps().length; i++) {
        long step = frame.steps()[i];
        if (step < 0) {
          if (!state.warmedUp) {
            state.warmedUp = true;
            warmedUp.incrementAndGet();
          }
          continue;
        }
        if (step != state.nextStep && !(state.gapAllowed && step > state.nextStep)) {
          state.problem = "step " + step + " where " + state.nextStep + " was due";
          return;
        }
        state.gapAllowed = false;
        state.nextStep = step + 1;
        state.points++;
        endToEnd.record((received - frame.wallTimes()[i]) * 1000);
        if (step == total - 1 && !state.finished) {
          state.finished = true;
          finished.incrementAndGet();
        }
      }
    }
  }

  /** Runs one measurement, writing into a new run named {@code run}. */
  public Result run(String run, Config config) throws Exception {
    if (Files.exists(logdir.resolve(run))) {
      // Its earlier points would reach the clients before the new ones and fail every client.
      throw new IllegalArgumentException("run '" + run + "' already exists in " + logdir + ": the bench writes a new run");
    }
    long total = config.points();
    int idle = serverThreads();
    Receipts receipts = new Receipts(config.clients(), total);
    String filter = "^" + Pattern.quote(run) + "$";
    String target = "/api/v1/stream?run=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
    ThreadPeak peak = new ThreadPeak();
    Consumer<StreamFrame> tap =
        frame -> {
          if (frame.run().equals(run)) {
            receipts.published.put(frame.id(), frame.publishedNanos());
          }
        };
    if (hub != null) {
      hub.tap(tap);
    }
    long sent = 0;
    long cpuBefore = 0;
    long cpuAfter = -1;
    SseClientPool pool = SseClientPool.open(server, target, config.clients(), receipts);
    try {
      pool.awaitConnected(Duration.ofSeconds(30 + config.clients() / 20));
      peak.start();
      try (EventLogWriter writer =
          EventLogWriter.open(
              logdir.resolve(run), EventLogWriterOptions.defaults().withFlushInterval(WRITER_FLUSH))) {
        // The first point also waits for the run to be discovered: a warm-up, not measured.
        writer.scalar(TAG, -1, receipts.epochSeconds(System.nanoTime()), -1);
        writer.flush();
        try {
          await(receipts.warmedUp, config.clients(), Duration.ofSeconds(60), pool, "the warm-up point");
        } catch (TimeoutException someNeverGotIt) {
          // Measure anyway: the clients that miss points are counted as failed.
        }
        long start = System.nanoTime();
        cpuBefore = serverCpuNanos();
        while (sent < total) {
          long due = Math.min(total, (System.nanoTime() - start) * config.pointsPerSecond() / 1_000_000_000L + 1);
          for (; sent < due; sent++) {
            writer.scalar(TAG, sent, receipts.epochSeconds(System.nanoTime()), sent);
          }
          LockSupport.parkNanos(1_000_000);
        }
      }
      await(receipts.finished, config.clients(), Duration.ofSeconds(30), pool, "the last point");
      cpuAfter = serverCpuNanos();
    } catch (TimeoutException late) {
      // Counted below: the clients that did not finish failed.
    } finally {
      peak.stop();
      if (hub != null) {
        hub.untap(tap);
      }
      pool.close();
    }
    Thread.sleep(1000); // let the server notice the clients left
    int after = serverThreads();

    int complete = 0;
    int resynced = 0;
    int failed = 0;
    String firstProblem = pool.firstFailure();
    for (int i = 0; i < receipts.states.length; i++) {
      ClientState state = receipts.states[i];
      String problem = state.problem != null ? state.problem : state.finished ? null : "did not get the last point";
      if (problem != null) {
        failed++;
        if (firstProblem == null) {
          firstProblem = "client " + i + ": " + problem;
        }
      } else if (state.resyncs > 0) {
        resynced++;
      } else if (state.points == total) {
        complete++;
      } else {
        failed++;
      }
    }
    return new Result(
        config, sent, receipts.frames.size(), complete, resynced, failed, firstProblem,
        Latency.of(receipts.endToEnd), Latency.of(receipts.hubOnly), idle, Math.max(peak.max(), idle), after,
        cpuAfter < 0 ? Double.NaN : (cpuAfter - cpuBefore) / 1e6);
  }

  private Frame parse(byte[] data, long checksum) {
    try {
      JsonNode node = json.readTree(data);
      JsonNode steps = node.get("step");
      JsonNode wallTimes = node.get("wall_time");
      long[] s = new long[steps.size()];
      double[] w = new double[steps.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = steps.get(i).asLong();
        w[i] = wallTimes.get(i).asDouble();
      }
      return new Frame(checksum, s, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void await(AtomicInteger count, int target, Duration timeout, SseClientPool pool, String what)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count.get() + pool.lost() < target) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(count.get() + " of " + target + " clients got " + what);
      }
      Thread.sleep(5);
    }
  }

  /** Live threads of this JVM, less the benchmark's own (its client pool, sampler and log writer). */
  static List<Thread> serverThreadList() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 64];
    int n = root.enumerate(threads, true);
    List<Thread> server = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = threads[i].getName();
      if (!name.startsWith("runboard-bench") && !name.startsWith("runboard-event-log")) {
        server.add(threads[i]);
      }
    }
    return server;
  }

  static int serverThreads() {
    return serverThreadList().size();
  }

  /** CPU time the server's live threads have used so far. */
  static long serverCpuNanos() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (Thread thread : serverThreadList()) {
      total += Math.max(0, mx.getThreadCpuTime(thread.getId()));
    }
    return total;
  }

  /** Samples {@link #serverThreads()} every 50 ms and keeps the largest count. */
  private static final class ThreadPeak {
    private final Thread sampler = new Thread(this::sample, "runboard-bench-threads");
    private volatile boolean running = true;
    private volatile int max;

    void start() {
      sampler.setDaemon(true);
      sampler.start();
    }

    private void sample() {
      while (running) {
        max = Math.max(max, serverThreads());
        LockSupport.parkNanos(50_000_000);
      }
    }

    void stop() throws InterruptedException {
      running = false;
      sampler.join();
    }

    int max() {
      return max;
    }
  }

  /** One line per measurement. */
  public static void report(Result r, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "clients=%d rate=%d/s points=%d frames=%d complete=%d resync=%d failed=%d"
            + " e2e_ms p50=%.1f p99=%.1f max=%.1f hub_ms p50=%.1f p99=%.1f max=%.1f"
            + " server_threads idle=%d peak=%d after=%d server_cpu_ms=%.0f (%.1f us/delivery)%s%n",
        r.config().clients(), r.config().pointsPerSecond(), r.pointsSent(), r.frames(),
        r.complete(), r.resynced(), r.failed(),
        r.endToEnd().p50(), r.endToEnd().p99(), r.endToEnd().max(),
        r.hub().p50(), r.hub().p99(), r.hub().max(),
        r.threadsIdle(), r.threadsPeak(), r.threadsAfter(),
        r.serverCpuMillis(), r.serverCpuMillis() * 1000 / Math.max(1, r.frames() * r.config().clients()),
        r.firstProblem() == null ? "" : " first_problem=\"" + r.firstProblem() + "\"");
    out.flush();
  }

  /**
   * The last line: {@code stream_fanout ok=yes|no clients=.. rate=.. e2e_p99_ms=.. hub_p99_ms=..
   * threads_above_idle=..}, over all measurements (the most clients, the worst figures; threads
   * against the idle count before the first one, as the server's request pool keeps threads a
   * connection burst added for a minute).
   */
  public static void summary(List<Result> results, PrintWriter out) {
    boolean ok = results.stream().allMatch(Result::everyClientEveryPointOrResync);
    out.printf(
        Locale.ROOT,
        "stream_fanout ok=%s clients=%d rate=%d e2e_p99_ms=%.1f hub_p99_ms=%.1f threads_above_idle=%d%n",
        ok ? "yes" : "no",
        results.stream().mapToInt(r -> r.config().clients()).max().orElse(0),
        results.stream().mapToInt(r -> r.config().pointsPerSecond()).max().orElse(0),
        results.stream().mapToDouble(r -> r.endToEnd().p99()).max().orElse(Double.NaN),
        results.stream().mapToDouble(r -> r.hub().p99()).max().orElse(Double.NaN),
        results.stream().mapToInt(Result::threadsPeak).max().orElse(0) - results.get(0).threadsIdle());
    out.flush();
  }
}
