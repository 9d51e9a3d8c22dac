package dev.runboard.logdir;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.runboard.data.DataClass;
import dev.runboard.data.Problem;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.ScalarQuery;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.ReadOptions;
import dev.runboard.eventlog.tfevents.TfRecordWriter;
import dev.runboard.eventlog.tfevents.proto.EventProtos.Event;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.Summary;
import dev.runboard.index.IndexOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted files never stop or starve the index: each case is reported as a problem with file and
 * byte offset, and every good record around it is still served.
 */
class HostileFilesTest {
  @TempDir Path root;

  private static byte[] scalarRecord(String tag, long step, float value) {
    return TfRecordWriter.frame(Event.newBuilder()
        .setWallTime(1_600_000_000.0 + step)
        .setStep(step)
        .setSummary(Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8(tag)).setSimpleValue(value)))
        .build()
        .toByteArray());
  }

  private static byte[] rawTagRecord(byte[] tag, long step) {
    return TfRecordWriter.frame(Event.newBuilder()
        .setWallTime(1_600_000_000.0 + step)
        .setStep(step)
        .setSummary(Summary.newBuilder().addValue(
            Summary.Value.newBuilder().setTag(ByteString.copyFrom(tag)).setSimpleValue(step)))
        .build()
        .toByteArray());
  }

  /** A TFRecord header (length and its masked CRC) claiming {@code length} bytes. */
  private static byte[] header(long length) {
    ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(length);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(b.array(), 0, 8);
    int c = (int) crc.getValue();
    b.putInt(((c >>> 15) | (c << 17)) + 0xa282ead8); // TFRecord's masked CRC32C
    return b.array();
  }

  private static void append(Path file, byte[]... parts) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      for (byte[] part : parts) {
        out.write(part);
      }
    }
  }

  private List<Problem> problems(SyncLogdir logdir) {
    return logdir.index.status().problems();
  }

  @Test
  void anOversizedRecordIsSkippedWithAProblemNeverAllocated() throws IOException {
    Path file = root.resolve("run/events.out.tfevents.1.host");
    append(file, scalarRecord("loss", 0, 1f));
    long at = Files.size(file);
    // A 600 MB record (a sparse file: no disk used) whose header checks out, then a good record.
    long huge = 600L << 20;
    append(file, header(huge));
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(at + 12 + huge + 4);
    }
    append(file, scalarRecord("loss", 1, 2f));
    try (SyncLogdir logdir = new SyncLogdir(root).refresh()) {
      assertThat(LogdirTest.read(logdir, "run", "loss", ScalarQuery.full()).steps()).containsExactly(0, 1);
      assertThat(problems(logdir)).anySatisfy(p -> {
        assertThat(p.file()).isEqualTo("run/events.out.tfevents.1.host");
        assertThat(p.offset()).isEqualTo(at);
      });
    }
  }

  @Test
  void aSparseArrowFileClaimingAHugeBatchIsAProblemNotAnAllocation() throws IOException {
    Path run = root.resolve("run");
    try (EventLogWriter writer = EventLogWriter.open(run)) {
      writer.scalar("loss", 0, 1_700_000_000.0, 0.5);
    }
    Path crafted = run.resolve("events.0000000000001.1.0.scalar.00000.arrows");
    // A schema message copied from a real segment, then a message prefix claiming 1.5 GB.
    Path real;
    try (var files = Files.list(run)) {
      real = files.filter(f -> f.toString().contains(".scalar.")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(real);
    int schemaEnd = 8 + ByteBuffer.wrap(bytes, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    ByteBuffer claim = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-1).putInt(Integer.MAX_VALUE - 7);
    Files.write(crafted, java.util.Arrays.copyOf(bytes, schemaEnd));
    append(crafted, claim.array());
    try (RandomAccessFile raf = new RandomAccessFile(crafted.toFile(), "rw")) {
      raf.setLength(1_500_000_000L);
    }
    try (SyncLogdir logdir = new SyncLogdir(root).refresh()) {
      assertThat(LogdirTest.read(logdir, "run", "loss", ScalarQuery.full()).steps()).containsExactly(0);
      assertThat(problems(logdir)).anySatisfy(p -> assertThat(p.file()).endsWith(crafted.getFileName().toString()));
    }
  }

  @Test
  void aHeaderClaimingMoreThanTheFileHoldsIsReportedOnceTheFileStopsGrowing() throws IOException {
    Path file = root.resolve("run/events.out.tfevents.1.host");
    append(file, scalarRecord("loss", 0, 1f));
    long at = Files.size(file);
    append(file, header(1L << 30), scalarRecord("loss", 1, 2f), scalarRecord("loss", 2, 3f));
    MutableClock clock = new MutableClock();
    IndexOptions options = IndexOptions.defaults(root)
        .withReadOptions(ReadOptions.defaults().withStallGrace(Duration.ofSeconds(10)).withClock(clock));
    try (SyncLogdir logdir = new SyncLogdir(options).refresh()) {
      assertThat(LogdirTest.read(logdir, "run", "loss", ScalarQuery.full()).steps())
          .as("a record may still be being written").containsExactly(0);
      clock.advance(Duration.ofSeconds(11));
      logdir.refresh();
      assertThat(LogdirTest.read(logdir, "run", "loss", ScalarQuery.full()).steps())
          .as("the lie is reported and later records are found").containsExactly(0, 1, 2);
      assertThat(problems(logdir)).anySatisfy(p -> assertThat(p.offset()).isEqualTo(at));
    }
  }

  @Test
  void aBadByteAndAHugeHeaderAreScannedOnceNotOnEveryPoll() throws IOException {
    Path file = root.resolve("run/events.out.tfevents.1.host");
    append(file, scalarRecord("loss", 0, 1f), new byte[] {0x42}, header(1L << 30));
    byte[] garbage = new byte[5 << 20];
    new java.util.Random(3).nextBytes(garbage);
    append(file, garbage);
    try (SyncLogdir logdir = new SyncLogdir(root).refresh()) {
      long read = logdir.index.status().bytesRead();
      for (int i = 0; i < 10; i++) {
        logdir.index.fileChanged("run", file.getFileName().toString(), Files.size(file) + 1);
        logdir.refresh();
      }
      assertThat(logdir.index.status().bytesRead() - read)
          .as("bytes consumed by ten more polls of an unchanged file").isLessThan(1 << 20);
      assertThat(LogdirTest.read(logdir, "run", "loss", ScalarQuery.full()).steps()).containsExactly(0);
    }
  }

  @Test
  void invalidUtf8TagsStayDistinct() throws IOException {
    Path file = root.resolve("run/events.out.tfevents.1.host");
    append(file,
        rawTagRecord(new byte[] {'l', (byte) 0xff, 's'}, 0),
        rawTagRecord(new byte[] {'l', (byte) 0xfe, 's'}, 1),
        rawTagRecord(new byte[] {'l', (byte) 0xfe, 's'}, 2));
    try (SyncLogdir logdir = new SyncLogdir(root).refresh()) {
      List<String> tags = logdir.index.run("run").orElseThrow().tags(DataClass.SCALARS, null);
      assertThat(tags).hasSize(2).allSatisfy(t -> assertThat(t).doesNotContain("\uFFFD"));
      assertThat(logdir.index.readScalars(RunTagFilter.of(null, List.of(tags.get(1))), ScalarQuery.full()).get(0).size())
          .isIn(1, 2);
    }
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
