package dev.runboard.bench;

import dev.runboard.RunboardApplication;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code runboard bench hparams}: the hparams API over a synthetic search ({@link
 * HParamsSweepLogdir}: N sessions x 10 hparams x 5 metrics) served by a real server in this
 * process, timed over HTTP against {@code /api/v1/runs} of the same logdir as the baseline.
 */
public final class HParamsBench {
  private final int sessions;
  private final int repeats;

  public HParamsBench(int sessions, int repeats) {
    this.sessions = sessions;
    this.repeats = repeats;
  }

  public void run(Path work, PrintWriter out) throws Exception {
    long started = System.nanoTime();
    HParamsSweepLogdir.write(work, sessions, 1);
    out.printf(Locale.ROOT, "generated %d sessions x 10 hparams x %d metrics in %.1f s%n",
        sessions, HParamsSweepLogdir.METRICS.size(), (System.nanoTime() - started) / 1e9);
    out.flush();
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RunboardApplication.class)
        .run("--runboard.logdir=" + work.toAbsolutePath(), "--server.port=0", "--server.address=127.0.0.1",
            "--logging.level.root=WARN")) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      long loadStart = System.nanoTime();
      while (get(http, base + "/actuator/health/readiness").statusCode() != 200) {
        Thread.sleep(50);
      }
      out.printf(Locale.ROOT, "server ready (every run loaded) after %.1f s%n", (System.nanoTime() - loadStart) / 1e9);
      String table = get(http, base + "/api/v1/hparams").body();
      int rows = table.split("\"session_run\"", -1).length - 1;
      if (rows != sessions) {
        throw new IllegalStateException("the table has " + rows + " sessions, expected " + sessions);
      }
      double[] runs = time(http, base + "/api/v1/runs");
      double[] hparams = time(http, base + "/api/v1/hparams");
      double[] max = time(http, base + "/api/v1/hparams?metric_agg=max");
      double[] filtered = time(http, base + "/api/v1/hparams?hparam.learning_rate=0.001..0.01&status=success");
      report(out, "GET /api/v1/runs (baseline)", runs, runs);
      report(out, "GET /api/v1/hparams", hparams, runs);
      report(out, "GET /api/v1/hparams?metric_agg=max", max, runs);
      report(out, "GET /api/v1/hparams?hparam.learning_rate=0.001..0.01&status=success", filtered, runs);
      out.printf(Locale.ROOT, "response size: %,d bytes%n", table.length());
    }
  }

  private double[] time(HttpClient http, String url) throws IOException, InterruptedException {
    for (int i = 0; i < 5; i++) {
      get(http, url); // warm-up: JIT, caches
    }
    double[] millis = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long t = System.nanoTime();
      HttpResponse<String> response = get(http, url);
      millis[i] = (System.nanoTime() - t) / 1e6;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
      }
    }
    Arrays.sort(millis);
    return millis;
  }

  private static void report(PrintWriter out, String what, double[] millis, double[] baseline) {
    double median = millis[millis.length / 2];
    out.printf(Locale.ROOT, "%-75s median %7.1f ms  p90 %7.1f ms  (%.1fx baseline)%n",
        what, median, millis[(int) (millis.length * 0.9)], median / baseline[baseline.length / 2]);
    out.flush();
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
