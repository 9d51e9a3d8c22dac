package dev.runboard.eventlog.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runboard.eventlog.EventFileTail;
import dev.runboard.eventlog.EventFiles;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.EventLogWriterOptions;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.ReadOptions;
import dev.runboard.eventlog.ScalarEvent;
import dev.runboard.eventlog.SessionEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link EventLogWriter#open(URI)} on s3:// runs against a real S3 server (S3Proxy): segments go up
 * as objects and leave the staging directory only once stored; the store going away mid-run and
 * coming back loses nothing and duplicates nothing; a large segment goes up in parts; what a killed
 * writer left is uploaded by the next writer of the run; a missing bucket is a clear error.
 */
class S3EventLogWriterTest {
  private static final String BUCKET = "runs";

  @TempDir static Path dir;
  private static S3ProxyServer server;
  private static S3Client client;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start(dir.resolve("s3"));
    server.createBucket(BUCKET);
    client = server.client();
  }

  @AfterAll
  static void stopServer() throws Exception {
    client.close();
    server.close();
  }

  private static S3WriterOptions s3(Path staging) {
    return S3WriterOptions.defaults()
        .withSettings(server.settings())
        .withStagingDirectory(staging)
        .withFlushInterval(Duration.ofMillis(300))
        .withRetryDelays(Duration.ofMillis(50), Duration.ofMillis(400))
        .withCloseTimeout(Duration.ofSeconds(60));
  }

  private static EventLogWriterOptions fastFlush() {
    return EventLogWriterOptions.defaults().withFlushInterval(Duration.ofMillis(50));
  }

  @Test
  void finishedSegmentsBecomeObjectsAndLeaveTheStagingDirectoryOnceStored() throws Exception {
    Path staging = dir.resolve("staging-1");
    URI run = URI.create("s3://runs/exp/a/train");
    try (EventLogWriter writer = EventLogWriter.open(run, fastFlush(), s3(staging))) {
      for (int step = 0; step < 1000; step++) {
        writer.scalar("loss", step, 1.0 / (step + 1));
        if (step % 250 == 249) {
          Thread.sleep(700); // past the segment interval: several segments
        }
      }
    }
    List<String> keys = keys("exp/a/train/");
    assertThat(keys).allMatch(k -> k.matches("exp/a/train/events\\.\\d{13}\\.\\d+\\.0\\.(scalar|session)\\.\\d{5}\\.arrows"));
    assertThat(keys.stream().filter(k -> k.contains(".scalar.")).count()).isGreaterThanOrEqualTo(3);
    List<LogEvent> events = readAll("exp/a/train/");
    assertThat(steps(events, "loss")).containsExactlyElementsOf(range(0, 1000));
    assertThat(events).filteredOn(SessionEvent.class::isInstance)
        .extracting(e -> ((SessionEvent) e).kind())
        .containsExactly(SessionEvent.Kind.START, SessionEvent.Kind.STOP);
    assertThat(stagedFiles(staging.resolve(BUCKET).resolve("exp/a/train"))).isEmpty();
  }

  @Test
  void theStoreGoingAwayMidRunLosesNothingAndDuplicatesNothing() throws Exception {
    Path staging = dir.resolve("staging-2");
    Path runStaging = staging.resolve(BUCKET).resolve("outage");
    try (EventLogWriter writer = EventLogWriter.open(URI.create("s3://runs/outage"), fastFlush(), s3(staging))) {
      log(writer, 0, 300);
      awaitUploads(writer);
      int objectsBefore = keys("outage/").size();
      assertThat(objectsBefore).isPositive();

      server.stop();
      try {
        log(writer, 300, 600); // logging goes on: nothing waits for the store
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (writer.pendingUploads() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(writer.pendingUploads()).as("segments waiting for the store").isGreaterThanOrEqualTo(2);
        assertThat(stagedFiles(runStaging)).hasSizeGreaterThanOrEqualTo(2);
      } finally {
        server.start();
      }
      log(writer, 600, 900);
    } // close waits for the retried uploads
    assertThat(steps(readAll("outage/"), "loss")).containsExactlyElementsOf(range(0, 900));
    assertThat(stagedFiles(runStaging)).isEmpty();
  }

  @Test
  void aSegmentAboveTheThresholdGoesUpInParts() throws Exception {
    Path staging = dir.resolve("staging-3");
    S3Traffic traffic = new S3Traffic();
    S3WriterOptions options = s3(staging)
        .withFlushInterval(Duration.ofHours(1))
        .withMultipart(S3WriterOptions.MIN_PART_SIZE, S3WriterOptions.MIN_PART_SIZE)
        .withTraffic(traffic);
    int rows = 250_000; // ~7 MB of scalars: two parts
    try (EventLogWriter writer = EventLogWriter.open(URI.create("s3://runs/big"), EventLogWriterOptions.defaults(), options)) {
      for (int step = 0; step < rows; step++) {
        writer.scalar("x", step, step);
      }
    }
    String scalarKey = keys("big/").stream().filter(k -> k.contains(".scalar.")).findFirst().orElseThrow();
    long size = client.headObject(b -> b.bucket(BUCKET).key(scalarKey)).contentLength();
    assertThat(size).isGreaterThan(S3WriterOptions.MIN_PART_SIZE);
    assertThat(traffic.requests())
        .containsEntry("CreateMultipartUpload", 1L)
        .containsEntry("UploadPart", (size + S3WriterOptions.MIN_PART_SIZE - 1) / S3WriterOptions.MIN_PART_SIZE)
        .containsEntry("CompleteMultipartUpload", 1L);
    assertThat(steps(readAll("big/"), "x")).isEqualTo(range(0, rows)); // (List.equals: linear)
  }

  @Test
  void whatAKilledWriterLeftIsUploadedByTheNextWriterOfTheRun() throws Exception {
    Path staging = dir.resolve("staging-4");
    String run = "s3://runs/killed";
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(
            java, "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
            S3WriterChildMain.class.getName(), server.endpoint().toString(), staging.toString(), run, "500")
        .redirectErrorStream(true)
        .start();
    StringBuilder output = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.append(line).append('\n');
        if (line.equals("FLUSHED 500")) {
          break;
        }
      }
      assertThat(output.toString()).as("the child's output").contains("FLUSHED 500");
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no upload
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(keys("killed/")).as("nothing uploaded before the kill").isEmpty();
    assertThat(stagedFiles(staging.resolve(BUCKET).resolve("killed"))).isNotEmpty();

    try (EventLogWriter next = EventLogWriter.open(URI.create(run), fastFlush(), s3(staging))) {
      log(next, 500, 510);
    }
    assertThat(steps(readAll("killed/"), "loss")).containsExactlyElementsOf(range(0, 510));
    assertThat(stagedFiles(staging.resolve(BUCKET).resolve("killed"))).isEmpty();
  }

  @Test
  void aMissingBucketIsAClearErrorAtOpen() {
    assertThatThrownBy(() -> EventLogWriter.open(
            URI.create("s3://no-such-bucket/run"), fastFlush(), s3(dir.resolve("staging-5"))))
        .isInstanceOf(S3AccessException.class)
        .hasMessageContaining("bucket 'no-such-bucket' does not exist at " + server.endpoint());
  }

  private static void log(EventLogWriter writer, int from, int to) throws Exception {
    for (int step = from; step < to; step++) {
      writer.scalar("loss", step, 1.0 / (step + 1));
      if (step % 100 == 99) {
        writer.flush();
        Thread.sleep(400); // past the segment interval
      }
    }
    writer.flush();
  }

  private static void awaitUploads(EventLogWriter writer) throws InterruptedException {
    Thread.sleep(400);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (writer.pendingUploads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(writer.pendingUploads()).isZero();
  }

  private static List<String> keys(String prefix) {
    return client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .sorted()
        .toList();
  }

  /** Every event of every object below the prefix, object by object in key order. */
  private static List<LogEvent> readAll(String prefix) throws Exception {
    List<LogEvent> events = new ArrayList<>();
    for (String key : keys(prefix)) {
      S3ObjectSource source = new S3ObjectSource(client, server.settings(), BUCKET, key, Path.of(key), 1 << 20, null);
      try (EventFileTail tail = EventFiles.open(source, ReadOptions.defaults())) {
        events.addAll(tail.poll());
        assertThat(tail.drainProblems()).as(key).isEmpty();
      }
    }
    return events;
  }

  private static List<Long> steps(List<LogEvent> events, String tag) {
    return events.stream()
        .filter(e -> e instanceof ScalarEvent s && s.tag().equals(tag))
        .map(e -> ((ScalarEvent) e).step())
        .sorted()
        .toList();
  }

  private static List<Long> range(long from, long to) {
    List<Long> r = new ArrayList<>();
    for (long i = from; i < to; i++) {
      r.add(i);
    }
    return r;
  }

  private static List<Path> stagedFiles(Path runStaging) throws Exception {
    if (!Files.isDirectory(runStaging)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(runStaging)) {
      return files.filter(EventFiles::isEventFile).toList();
    }
  }
}
