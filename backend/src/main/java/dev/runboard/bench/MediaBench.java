package dev.runboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.Histogram;
import dev.runboard.eventlog.HistogramEvent;
import dev.runboard.eventlog.ImageEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The media dashboards' benchmarks ({@code runboard bench media}), each through a real {@code
 * runboard serve} process: the histogram API on a long tag, and the server's memory over a logdir
 * of at least a gigabyte of images against the same number of tiny images. Every case prints one
 * line; {@link #summary} prints the last.
 */
public final class MediaBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double WALL = 1_700_000_000.0;

  private final Path work;
  private final BenchReport report;

  public MediaBench(Path work, PrintWriter out) {
    this.work = work;
    this.report = new BenchReport(out);
  }

  /** The summary line: which goals were missed, if any. */
  public boolean summary() {
    return report.summary();
  }

  /** Writes a logdir unless a complete one is there (from a run with --keep): written aside, then moved. */
  private static Path prepare(Path logdir, LogdirWriter writer) throws IOException {
    if (!Files.isDirectory(logdir)) {
      Path partial = logdir.resolveSibling(logdir.getFileName() + ".partial");
      if (Files.exists(partial)) {
        throw new IllegalStateException("an interrupted run left " + partial + " behind: delete it first");
      }
      writer.write(partial);
      Files.move(partial, logdir);
    }
    return logdir;
  }

  @FunctionalInterface
  private interface LogdirWriter {
    void write(Path logdir) throws IOException;
  }

  // ---------------------------------------------------------------------------------------------
  // Histograms of a long tag

  /**
   * One tag of {@code steps} histograms of {@code buckets} buckets: the median time of {@code GET
   * /api/v1/histograms?steps=50} (what the dashboard asks for) over HTTP, against the same request
   * without {@code steps} (every step) as the baseline.
   */
  public void histograms(int steps, int buckets, double goalMillis) throws Exception {
    Path logdir = prepare(work.resolve("histograms-" + steps + "x" + buckets), dir -> {
      try (EventLogWriter writer = EventLogWriter.open(dir.resolve("hist"), IndexBench.quietWriter())) {
        Random random = new Random(1);
        float[] values = new float[1000];
        for (int s = 0; s < steps; s++) {
          double spread = 1 + s / (double) steps;
          for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * spread);
          }
          writer.write(new HistogramEvent("weights", s, WALL + s, Histogram.of(values, buckets)));
          if (s % 256 == 255) {
            writer.flush(); // the quiet writer flushes only when asked: keep its queue short
          }
        }
      }
    });
    try (IndexBench.ServerProcess server = IndexBench.ServerProcess.start(logdir, "1g", List.of())) {
      HttpClient http = HttpClient.newHttpClient();
      server.awaitFullyRead(http);
      String base = "/api/v1/histograms?run=hist&tag=weights";
      URI sampled = server.uri(base + "&steps=50");
      URI every = server.uri(base);
      int sampledBytes = body(http, sampled).length();
      int everyBytes = body(http, every).length();
      double sampledMillis = IndexBench.median(() -> body(http, sampled), 20);
      double everyMillis = IndexBench.median(() -> body(http, every), 5);
      report.line("histograms: %d steps x %d buckets, steps=50: median %.2f ms over HTTP (%d bytes);"
              + " every step: %.1f ms (%d bytes), %.0fx",
          steps, buckets, sampledMillis, sampledBytes, everyMillis, everyBytes, everyMillis / sampledMillis);
      report.check(sampledMillis <= goalMillis, "histograms steps=50 within " + goalMillis + " ms");
    }
  }

  private static String body(HttpClient http, URI uri) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Memory over a logdir of images

  /**
   * {@code count} images of {@code imageBytes} bytes each (at least {@code count * imageBytes}
   * bytes of images) against the same number of 1 KB images: the server's resident memory and its
   * index's resident bytes once loaded, the image list's time and one image's read time. The
   * index keeps only where each image is, so its memory must not grow with the bytes.
   */
  public void images(int count, int imageBytes, String heap) throws Exception {
    Snapshot big = imageServer(count, imageBytes, heap);
    Snapshot small = imageServer(count, 1024, heap);
    report.line("images: %d images, %.2f GB of images: index %.2f MB resident, rss %.0f MB once loaded, %.0f MB after a full GC,"
            + " list %.0f ms, one image %.1f ms; %d images of 1 KB (%.1f MB): index %.2f MB resident, rss %.0f MB,"
            + " %.0f MB after a full GC; ratios: index %.2f, rss after GC %.2f",
        count, big.imageBytes / 1e9, big.resident / 1e6, big.rss / 1e6, big.rssAfterGc / 1e6, big.listMillis,
        big.blobMillis, count, small.imageBytes / 1e6, small.resident / 1e6, small.rss / 1e6, small.rssAfterGc / 1e6,
        big.resident / (double) small.resident, big.rssAfterGc / (double) small.rssAfterGc);
    report.check(big.resident <= small.resident * 1.1, "index memory independent of image bytes (within 10 %)");
    report.check(big.rssAfterGc <= small.rssAfterGc * 1.5,
        "server rss after a full GC with 1 GB of images within 1.5x that with tiny images");
  }

  private record Snapshot(
      long imageBytes, long rss, long rssAfterGc, long resident, double listMillis, double blobMillis) {}

  private Snapshot imageServer(int count, int imageBytes, String heap) throws Exception {
    Path logdir = prepare(work.resolve("images-" + count + "x" + imageBytes), dir -> writeImages(dir, count, imageBytes));
    long total = (long) count * imageBytes;
    try (IndexBench.ServerProcess server = IndexBench.ServerProcess.start(logdir, heap, List.of())) {
      HttpClient http = HttpClient.newHttpClient();
      JsonNode status = server.awaitFullyRead(http);
      URI list = server.uri("/api/v1/images?run=images&tag=samples");
      JsonNode images = JSON.readTree(body(http, list));
      if (images.size() != count) {
        throw new IllegalStateException("listed " + images.size() + " images of " + count);
      }
      double listMillis = IndexBench.median(() -> body(http, list), 5);
      URI blob = server.uri(images.get(count / 2).get("url").asText());
      double blobMillis = IndexBench.median(() -> bytes(http, blob, imageBytes), 5);
      Thread.sleep(3000); // settle
      long rss = server.rssBytes();
      // What reading the images left in the heap is garbage: collected, the heap shrinks back to
      // what the server holds.
      server.fullGc();
      Thread.sleep(2000);
      status = server.awaitFullyRead(http);
      if (status.get("problems_total").asLong() > 0) {
        throw new IllegalStateException("the server reported problems with the logdir: " + status.get("problems"));
      }
      return new Snapshot(total, rss, server.rssBytes(), status.get("resident_bytes").asLong(), listMillis, blobMillis);
    }
  }

  private static void bytes(HttpClient http, URI uri, int expected) {
    try {
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200 || r.body().length != expected) {
        throw new IllegalStateException(uri + " answered " + r.statusCode() + " with " + r.body().length + " bytes");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Images of one tag, one per step: a PNG signature and a step number, then noise. */
  private static void writeImages(Path logdir, int count, int imageBytes) throws IOException {
    byte[] noise = new byte[imageBytes];
    new Random(2).nextBytes(noise);
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
    try (EventLogWriter writer = EventLogWriter.open(logdir.resolve("images"), IndexBench.quietWriter())) {
      for (int s = 0; s < count; s++) {
        byte[] image = noise.clone();
        System.arraycopy(signature, 0, image, 0, signature.length);
        for (int b = 0; b < 4; b++) {
          image[8 + b] = (byte) (s >>> (8 * b));
        }
        writer.write(new ImageEvent("samples", s, WALL + s, image, "image/png", 512, 512, 4));
        if (s % 16 == 15) {
          writer.flush(); // bounded memory in the writer's queue
        }
      }
    }
  }
}
