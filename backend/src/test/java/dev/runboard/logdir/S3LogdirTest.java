package dev.runboard.logdir;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.runboard.data.DataClass;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.ScalarQuery;
import dev.runboard.data.ScalarSeries;
import dev.runboard.eventlog.s3.S3ProxyServer;
import dev.runboard.eventlog.s3.S3Traffic;
import dev.runboard.eventlog.tfevents.TfRecordWriter;
import dev.runboard.eventlog.tfevents.proto.EventProtos.Event;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.Summary;
import dev.runboard.index.IndexOptions;
import dev.runboard.index.LogdirIndex;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The index fed by {@link S3Discovery} from a real S3 server (S3Proxy), discovery driven by the
 * test: a thousand runs discovered with a few listing requests; a growing tfevents object tailed
 * (only new bytes fetched, a torn record waited for); replaced and deleted objects; a logdir spec
 * mixing a bucket and a local directory.
 */
class S3LogdirTest {
  private static final String BUCKET = "team";

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

  private record Fixture(LogdirIndex index, S3Discovery discovery, S3Traffic traffic) implements AutoCloseable {
    void refresh() {
      discovery.poll();
      for (String run : index.runNames()) {
        index.loadNow(run);
      }
    }

    @Override
    public void close() {
      discovery.close();
      index.close();
    }
  }

  private static Fixture fixture(String location) {
    LogdirIndex index = new LogdirIndex(IndexOptions.defaults().withLoaderThreads(1));
    S3Traffic traffic = new S3Traffic();
    S3Client counted = server.settings().newClient(traffic);
    S3Discovery discovery = new S3Discovery(
        index, counted, server.settings(), LogdirSource.of(location), Duration.ofHours(1), 64 << 10, traffic,
        index::discoveryFinished);
    return new Fixture(index, discovery, traffic);
  }

  @Test
  void aThousandRunsAreDiscoveredWithAFewListingRequests() throws Exception {
    // Written straight into the store's directory: a thousand PUTs would only slow the test down;
    // the listing and the reads below go through the S3 API.
    for (int r = 0; r < 1000; r++) {
      server.writeObject(BUCKET, "many/exp-" + r + "/train/events.out.tfevents.1700000000.h", records("loss", 0, 3));
    }
    try (Fixture f = fixture("s3://team/many")) {
      f.refresh();
      assertThat(f.index().runNames()).hasSize(1000).contains("exp-0/train", "exp-999/train");
      assertThat(f.index().firstLoadDone()).isTrue();
      assertThat(f.traffic().requests().get("ListObjectsV2")).as("1,000 keys a page").isEqualTo(1);
      assertThat(steps(f.index(), "exp-517/train", "loss")).containsExactly(0L, 1L, 2L);
      assertThat(f.discovery().status().files()).isEqualTo(1000);

      long gets = f.traffic().requests().getOrDefault("GetObject", 0L);
      f.refresh();
      assertThat(f.traffic().requests().get("ListObjectsV2")).isEqualTo(2);
      assertThat(f.traffic().requests().getOrDefault("GetObject", 0L)).isEqualTo(gets);
    }
  }

  @Test
  void aGrowingObjectIsTailedAndATornRecordIsWaitedFor() throws Exception {
    String key = "live/run/events.out.tfevents.1700000001.h";
    byte[] all = records("loss", 0, 40);
    int first10 = records("loss", 0, 10).length;
    int first25 = records("loss", 0, 25).length;
    try (Fixture f = fixture("s3://team/live")) {
      put(key, Arrays.copyOf(all, first10));
      f.refresh();
      assertThat(steps(f.index(), "run", "loss")).containsExactlyElementsOf(range(0, 10));

      long before = f.traffic().bytesDownloaded();
      put(key, Arrays.copyOf(all, first25 + 5)); // re-uploaded longer, cut inside record 25
      f.refresh();
      assertThat(steps(f.index(), "run", "loss")).containsExactlyElementsOf(range(0, 25));
      assertThat(f.traffic().bytesDownloaded() - before).isEqualTo(first25 + 5 - first10);

      put(key, all);
      f.refresh();
      assertThat(steps(f.index(), "run", "loss")).containsExactlyElementsOf(range(0, 40));
      assertThat(f.index().status().problems()).isEmpty();
    }
  }

  @Test
  void aReplacedObjectIsReadAgainAndADeletedOneTakesItsRunAlong() throws Exception {
    String a = "changes/a/events.out.tfevents.1700000002.h";
    String b = "changes/b/events.out.tfevents.1700000002.h";
    try (Fixture f = fixture("s3://team/changes/")) {
      put(a, records("x", 10, 5));
      put(b, records("x", 10, 5));
      f.refresh();
      assertThat(f.index().runNames()).containsExactly("a", "b");

      byte[] other = records("x", 20, 5);
      assertThat(other).hasSameSizeAs(records("x", 10, 5));
      put(a, other); // same size, other content: a new ETag
      f.refresh();
      assertThat(steps(f.index(), "a", "x")).containsExactly(20L, 21L, 22L, 23L, 24L);

      client.deleteObject(r -> r.bucket(BUCKET).key(b));
      f.refresh();
      assertThat(f.index().runNames()).containsExactly("a");
    }
  }

  @Test
  void aLogdirSpecMixesABucketAndALocalDirectoryUnderTheirNames() throws Exception {
    put("mixed/exp/events.out.tfevents.1700000003.h", records("loss", 0, 3));
    Path local = dir.resolve("local-logdir");
    Files.createDirectories(local.resolve("run1"));
    Files.write(local.resolve("run1/events.out.tfevents.1700000004.h"), records("acc", 0, 2));
    Files.write(local.resolve("events.out.tfevents.1700000005.h"), records("top", 0, 1));

    List<LogdirSource> sources = LogdirSource.parseSpec("cloud:s3://team/mixed,disk:" + local);
    LogdirIndex index = new LogdirIndex(IndexOptions.defaults().withLoaderThreads(1));
    LogdirProperties defaults = new LogdirProperties(
        "./runs", null, LogdirWatcher.Mode.POLL, Duration.ofHours(1), Duration.ofHours(1),
        org.springframework.util.unit.DataSize.ofMegabytes(64), Duration.ofSeconds(10),
        new LogdirProperties.Index(null, 1, 100, true));
    S3Properties s3 = new S3Properties(server.endpoint(), "us-east-1", true, Duration.ofMillis(100),
        org.springframework.util.unit.DataSize.ofKilobytes(64));
    withCredentials(() -> {
      try (LogdirDiscoveries discoveries = LogdirDiscoveries.create(
          index, sources, new LogdirWatcher.Options(defaults.watch(), Duration.ofMillis(100), Duration.ofMillis(100)),
          s3, new S3Traffic())) {
        index.start();
        discoveries.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!index.firstLoadDone() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(index.firstLoadDone()).isTrue();
        assertThat(index.runNames()).containsExactlyInAnyOrder("cloud/exp", "disk", "disk/run1");
        assertThat(discoveries.statuses()).extracting(LogdirDiscovery.Status::kind).containsExactly("s3", "local");
      } finally {
        index.close();
      }
      return null;
    });
  }

  /** The S3 client of {@link LogdirDiscoveries} finds its credentials in the default chain. */
  static <T> T withCredentials(java.util.concurrent.Callable<T> body) throws Exception {
    System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
    try {
      return body.call();
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  private static void put(String key, byte[] bytes) {
    client.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
  }

  static byte[] records(String tag, long firstStep, int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < n; i++) {
      long step = firstStep + i;
      Event event = Event.newBuilder().setWallTime(1_700_000_000 + step).setStep(step)
          .setSummary(Summary.newBuilder().addValue(
              Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8(tag)).setSimpleValue(step * 0.5f)))
          .build();
      out.writeBytes(TfRecordWriter.frame(event.toByteArray()));
    }
    return out.toByteArray();
  }

  private static List<Long> steps(LogdirIndex index, String run, String tag) {
    List<ScalarSeries> series = index.readScalars(
        RunTagFilter.one(run, tag), ScalarQuery.full());
    assertThat(series).as("run %s tag %s", run, tag).hasSize(1);
    List<Long> steps = new ArrayList<>();
    for (long s : series.get(0).steps()) {
      steps.add(s);
    }
    return steps;
  }

  private static List<Long> range(long from, long to) {
    List<Long> r = new ArrayList<>();
    for (long i = from; i < to; i++) {
      r.add(i);
    }
    return r;
  }
}
