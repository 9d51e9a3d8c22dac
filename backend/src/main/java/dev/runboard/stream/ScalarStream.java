package dev.runboard.stream;

import dev.runboard.data.DataClass;
import dev.runboard.data.DataProvider;
import dev.runboard.data.DataUpdate;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.ScalarQuery;
import dev.runboard.data.ScalarSeries;
import dev.runboard.data.Subscription;
import dev.runboard.data.UpdateFilter;
import dev.runboard.scalars.ScalarsJson;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Fans indexed data out to Server-Sent-Event clients: {@code event: run} for a new run and {@code
 * event: scalars} (the {@link ScalarsJson} form, new points only) for appended points. Comments are
 * sent as heartbeats so that proxies keep the connection and dead clients are noticed.
 *
 * <p>A lifecycle bean so that streams end before the web server shuts down gracefully: an open
 * stream would otherwise hold the shutdown for its whole timeout.
 */
@Component
class ScalarStream implements SmartLifecycle, DisposableBean {
  static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final ExecutorService senders;
  private final ScheduledExecutorService heartbeat;
  private final Subscription subscription;
  private volatile boolean running;

  private final DataProvider data;

  ScalarStream(DataProvider data) {
    this.data = data;
    AtomicInteger count = new AtomicInteger();
    this.senders =
        Executors.newCachedThreadPool(
            r -> daemon(r, "runboard-sse-" + count.incrementAndGet()));
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "runboard-sse-heartbeat"));
    heartbeat.scheduleAtFixedRate(
        () -> clients.forEach(c -> c.offer(SseEmitter.event().comment("heartbeat"))),
        HEARTBEAT.toSeconds(),
        HEARTBEAT.toSeconds(),
        TimeUnit.SECONDS);
    this.subscription = data.subscribe(UpdateFilter.all(), this::onUpdate);
  }

  /** A new subscriber; the first thing it receives is a comment, which commits the response. */
  SseEmitter connect() {
    if (!running) {
      throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the server is shutting down");
    }
    SseEmitter emitter = new SseEmitter(0L); // 0: no timeout; heartbeats detect dead peers
    SseClient client = new SseClient(emitter, senders, clients::remove);
    emitter.onCompletion(() -> clients.remove(client));
    emitter.onError(e -> clients.remove(client));
    emitter.onTimeout(client::close);
    clients.add(client);
    client.offer(SseEmitter.event().comment("connected"));
    return emitter;
  }

  int clientCount() {
    return clients.size();
  }

  private void onUpdate(DataUpdate update) {
    if (clients.isEmpty()) {
      return;
    }
    if (update instanceof DataUpdate.RunAdded added) {
      broadcast(SseEmitter.event().name("run").data(Map.of("name", added.run())));
    } else if (update instanceof DataUpdate.SeriesAdvanced s && s.dataClass() == DataClass.SCALARS) {
      ScalarSeries appended = s.appended();
      if (appended == null) {
        appended = data.readScalars(RunTagFilter.one(s.run(), s.tag()), ScalarQuery.since(s.previousVersion()))
            .stream().findFirst().orElse(null);
      }
      if (appended != null && appended.size() > 0) {
        broadcast(SseEmitter.event().name("scalars").data(ScalarsJson.of(appended)));
      }
    }
  }

  private void broadcast(SseEmitter.SseEventBuilder event) {
    clients.forEach(c -> c.offer(event));
  }

  @Override
  public void start() {
    running = true;
  }

  /** Ends every open stream; runs before the web server's graceful shutdown (a lower phase). */
  @Override
  public void stop() {
    running = false;
    clients.forEach(SseClient::close);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public void destroy() {
    subscription.close();
    heartbeat.shutdownNow();
    clients.forEach(SseClient::close);
    senders.shutdownNow();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
