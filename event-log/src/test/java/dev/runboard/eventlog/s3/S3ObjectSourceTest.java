package dev.runboard.eventlog.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.runboard.eventlog.EventFileTail;
import dev.runboard.eventlog.EventFiles;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.ReadOptions;
import dev.runboard.eventlog.ScalarEvent;
import dev.runboard.eventlog.tfevents.TfRecordWriter;
import dev.runboard.eventlog.tfevents.proto.EventProtos.Event;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.Summary;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Event files read from a real S3 server (S3Proxy) through ranged GETs: a growing tfevents object is
 * read from where the last poll stopped, never again from the start; a torn tail is waited for,
 * never misparsed; a 5 GB object is read in ranges, never whole.
 */
class S3ObjectSourceTest {
  private static final String BUCKET = "logs";

  @TempDir static Path storage;
  private static S3ProxyServer server;
  private static S3Client client;
  private static S3Traffic traffic;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start(storage.resolve("s3"));
    server.createBucket(BUCKET);
    traffic = new S3Traffic();
    client = server.settings().newClient(traffic);
  }

  @AfterAll
  static void stopServer() throws Exception {
    client.close();
    server.close();
  }

  private static S3ObjectSource source(String key, int readAhead) {
    return new S3ObjectSource(client, server.settings(), BUCKET, key, Path.of(key), readAhead, traffic);
  }

  private static void put(String key, byte[] bytes) {
    client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
  }

  @Test
  void aGrowingObjectIsReadFromTheLastOffsetAndATornTailIsWaitedFor() throws Exception {
    String key = "run/events.out.tfevents.1700000000.host";
    List<byte[]> records = new ArrayList<>();
    for (int step = 0; step < 300; step++) {
      records.add(TfRecordWriter.frame(scalar("loss", step, step * 0.5f).toByteArray()));
    }
    byte[] first = concat(records.subList(0, 100));
    put(key, first);
    try (EventFileTail tail = EventFiles.open(source(key, 64 << 10), ReadOptions.defaults())) {
      assertThat(steps(tail.poll())).containsExactlyElementsOf(range(0, 100));
      tail.releaseHandle(); // as the index does between polls: no handle, no buffer kept

      // The writer re-uploads the object, longer, cut in the middle of record 150.
      byte[] second = concat(records.subList(0, 200));
      int cut = first.length + concat(records.subList(100, 150)).length + 7;
      put(key, Arrays.copyOf(second, cut));
      long before = traffic.bytesDownloaded();
      assertThat(steps(tail.poll())).containsExactlyElementsOf(range(100, 150));
      long offsetOfRecord150 = first.length + concat(records.subList(100, 150)).length;
      assertThat(tail.offset()).as("the torn record is waited for").isEqualTo(offsetOfRecord150);
      assertThat(traffic.bytesDownloaded() - before)
          .as("only the bytes after the last offset are fetched")
          .isEqualTo(cut - first.length);
      assertThat(tail.drainProblems()).isEmpty();
      tail.releaseHandle();

      // Complete now, and grown further: the torn record is read once, whole.
      put(key, concat(records));
      before = traffic.bytesDownloaded();
      assertThat(steps(tail.poll())).containsExactlyElementsOf(range(150, 300));
      assertThat(tail.drainProblems()).isEmpty();
      assertThat(traffic.bytesDownloaded() - before).isEqualTo(concat(records).length - offsetOfRecord150);
    }
  }

  @Test
  void aFiveGigabyteObjectIsReadInRangesNeverWhole() throws Exception {
    long fiveGb = 5L << 30;
    String key = "huge/events.out.tfevents.1700000001.host";
    Path file = server.objectFile(BUCKET, key);
    Files.createDirectories(file.getParent());
    // A sparse file: four groups of ten records at the start, near 2 GB, near 4 GB and at the end
    // of 5 GiB, each group followed by a record whose valid header claims ~2 GB (over the reader's
    // limit: skipped unread) and leads to the next group.
    long[] groups = {0, (2L << 30) - 4096, (4L << 30) - 8192, fiveGb - groupBytes(30)};
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int g = 0; g < groups.length; g++) {
        long at = groups[g];
        for (int i = 0; i < 10; i++) {
          byte[] record = TfRecordWriter.frame(scalar("x", g * 10L + i, i).toByteArray());
          out.write(ByteBuffer.wrap(record), at);
          at += record.length;
        }
        if (g + 1 < groups.length) {
          long payload = groups[g + 1] - at - 16;
          out.write(ByteBuffer.wrap(header(payload)), at);
        } else {
          assertThat(at).isEqualTo(fiveGb);
        }
      }
    }
    assertThat(Files.size(file)).isEqualTo(fiveGb);

    long downloadedBefore = traffic.bytesDownloaded();
    long requestsBefore = traffic.requests().getOrDefault("GetObject", 0L);
    try (EventFileTail tail = EventFiles.open(source(key, S3ObjectSource.DEFAULT_READ_AHEAD), ReadOptions.defaults())) {
      List<Long> steps = new ArrayList<>();
      for (int poll = 0; poll < 3; poll++) {
        steps.addAll(steps(tail.poll()));
      }
      assertThat(steps).containsExactlyElementsOf(range(0, 40));
      assertThat(tail.drainProblems()).hasSize(3)
          .allSatisfy(p -> assertThat(p.message()).contains("over the limit").contains("skipped"));
      assertThat(tail.offset()).isEqualTo(fiveGb);
    }
    long downloaded = traffic.bytesDownloaded() - downloadedBefore;
    assertThat(downloaded).as("bytes downloaded of 5 GiB").isLessThan(4L * S3ObjectSource.DEFAULT_READ_AHEAD);
    assertThat(traffic.requests().get("GetObject") - requestsBefore).isLessThanOrEqualTo(4);
  }

  @Test
  void aMissingObjectIsNoSuchFile() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> source("nothing/here.tfevents", 1024).open())
        .isInstanceOf(java.nio.file.NoSuchFileException.class)
        .hasMessageContaining("s3://logs/nothing/here.tfevents");
  }

  /** A TFRecord header (length and its masked CRC32C) claiming {@code length} payload bytes. */
  private static byte[] header(long length) {
    ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    header.putLong(length);
    CRC32C crc = new CRC32C();
    crc.update(header.array(), 0, 8);
    int c = (int) crc.getValue();
    header.putInt(((c >>> 15) | (c << 17)) + 0xa282ead8);
    return header.array();
  }

  private static long groupBytes(long firstStep) {
    long bytes = 0;
    for (int i = 0; i < 10; i++) {
      bytes += TfRecordWriter.frame(scalar("x", firstStep + i, i).toByteArray()).length;
    }
    return bytes;
  }

  static Event scalar(String tag, long step, float value) {
    return Event.newBuilder().setWallTime(1_700_000_000).setStep(step)
        .setSummary(Summary.newBuilder().addValue(
            Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8(tag)).setSimpleValue(value)))
        .build();
  }

  private static List<Long> steps(List<? extends LogEvent> events) {
    return events.stream().map(e -> ((ScalarEvent) e).step()).toList();
  }

  private static List<Long> range(long from, long to) {
    List<Long> r = new ArrayList<>();
    for (long i = from; i < to; i++) {
      r.add(i);
    }
    return r;
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
