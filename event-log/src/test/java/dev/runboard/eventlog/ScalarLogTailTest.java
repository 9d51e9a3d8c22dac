package dev.runboard.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScalarLogTailTest {
  @TempDir Path dir;

  @Test
  void pollReturnsOnlyRowsFlushedSinceThePreviousPoll() throws IOException {
    try (ScalarLogWriter writer = ScalarLogWriter.open(dir, Duration.ofHours(1), Clock.systemUTC());
        ScalarLogTail tail = new ScalarLogTail(writer.file())) {
      assertThat(tail.poll()).isEmpty();

      writer.log("loss", 1, 10.0, 0.9);
      writer.log("loss", 2, 11.0, 0.8);
      assertThat(tail.poll()).as("not flushed yet").isEmpty();
      writer.flush();
      assertThat(tail.poll())
          .containsExactly(new ScalarEvent("loss", 1, 10.0, 0.9), new ScalarEvent("loss", 2, 11.0, 0.8));

      writer.log("loss", 3, 12.0, 0.7);
      writer.flush();
      assertThat(tail.poll()).containsExactly(new ScalarEvent("loss", 3, 12.0, 0.7));
      assertThat(tail.poll()).isEmpty();
      assertThat(tail.ended()).isFalse();
    }
  }

  @Test
  void backgroundFlushMakesRowsVisibleWithoutAnExplicitFlush() throws Exception {
    try (ScalarLogWriter writer = ScalarLogWriter.open(dir, Duration.ofMillis(50), Clock.systemUTC());
        ScalarLogTail tail = new ScalarLogTail(writer.file())) {
      writer.log("accuracy", 7, 0.5);
      List<ScalarEvent> seen = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (seen.isEmpty() && System.nanoTime() < deadline) {
        seen.addAll(tail.poll());
        Thread.sleep(10);
      }
      assertThat(seen).extracting(ScalarEvent::step).containsExactly(7L);
    }
  }

  /**
   * A writer killed mid-write leaves a file cut at any byte. Cut a finished log at every byte
   * offset, let the tail read the cut file, then let the file grow back to its full length: every
   * row must come back exactly once, in order, and never a partial batch.
   */
  @Test
  void aFileCutAtAnyByteYieldsCompleteBatchesThenTheRestOnceItGrows() throws IOException {
    List<ScalarEvent> written = ScalarLogRoundTripTest.sampleEvents(60);
    Path source = ScalarLogRoundTripTest.writeLog(dir.resolve("src"), written, 20); // 3 batches
    byte[] full = Files.readAllBytes(source);
    Path growing = dir.resolve("growing.arrows");
    for (int cut = 0; cut <= full.length; cut++) {
      Files.write(growing, Arrays.copyOf(full, cut));
      try (ScalarLogTail tail = new ScalarLogTail(growing)) {
        List<ScalarEvent> first = tail.poll();
        assertThat(first.size() % 20).as("only whole batches at cut %d", cut).isZero();
        assertThat(first).containsExactlyElementsOf(written.subList(0, first.size()));

        try (OutputStream out = Files.newOutputStream(growing, StandardOpenOption.APPEND)) {
          out.write(full, cut, full.length - cut);
        }
        List<ScalarEvent> all = new ArrayList<>(first);
        all.addAll(tail.poll());
        assertThat(all).as("cut at byte %d of %d", cut, full.length).containsExactlyElementsOf(written);
        assertThat(tail.ended()).isTrue();
      }
    }
  }

  @Test
  void fileGrowingInRandomChunksIsReadExactlyOnce() throws IOException {
    List<ScalarEvent> written = ScalarLogRoundTripTest.sampleEvents(5_000);
    Path source = ScalarLogRoundTripTest.writeLog(dir.resolve("src"), written, 333);
    byte[] full = Files.readAllBytes(source);
    Path growing = dir.resolve("growing.arrows");
    Files.write(growing, new byte[0]);
    Random random = new Random(42);
    List<ScalarEvent> read = new ArrayList<>();
    try (ScalarLogTail tail = new ScalarLogTail(growing);
        OutputStream out = Files.newOutputStream(growing, StandardOpenOption.APPEND)) {
      int appended = 0;
      while (appended < full.length) {
        int chunk = Math.min(full.length - appended, 1 + random.nextInt(3000));
        out.write(full, appended, chunk);
        out.flush();
        appended += chunk;
        read.addAll(tail.poll());
      }
      assertThat(tail.ended()).isTrue();
    }
    assertThat(read).containsExactlyElementsOf(written);
  }

  @Test
  void rowsBeforeCorruptionAreReturnedAndTheErrorFollows() throws IOException {
    List<ScalarEvent> written = ScalarLogRoundTripTest.sampleEvents(40);
    Path source = ScalarLogRoundTripTest.writeLog(dir.resolve("src"), written, 20);
    // Keep the schema and the first batch, then overwrite where the second batch starts.
    byte[] bytes = Files.readAllBytes(source);
    int secondBatch = (int) firstBatchEnd(source);
    Arrays.fill(bytes, secondBatch, secondBatch + 8, (byte) 0x42);
    Path damaged = dir.resolve("damaged.arrows");
    Files.write(damaged, bytes);
    try (ScalarLogTail tail = new ScalarLogTail(damaged)) {
      assertThat(tail.poll()).containsExactlyElementsOf(written.subList(0, 20));
      assertThatThrownBy(tail::poll)
          .isInstanceOf(EventLogFormatException.class)
          .hasMessageContaining(damaged.toString())
          .hasMessageContaining("byte ");
      assertThatThrownBy(tail::poll).isInstanceOf(EventLogFormatException.class);
    }
  }

  /** Byte offset just past the first record batch of a log. */
  private long firstBatchEnd(Path file) throws IOException {
    byte[] full = Files.readAllBytes(file);
    Path prefix = dir.resolve("prefix.arrows");
    for (int cut = 0; cut <= full.length; cut++) {
      Files.write(prefix, Arrays.copyOf(full, cut));
      try (ScalarLogTail tail = new ScalarLogTail(prefix)) {
        if (!tail.poll().isEmpty()) {
          return tail.offset();
        }
      }
    }
    throw new AssertionError("no complete batch in " + file);
  }

  @Test
  void aForeignFileIsAClearErrorNamingTheFile() throws IOException {
    Path foreign = dir.resolve("events.0.0.0.arrows");
    byte[] junk = new byte[4096];
    new Random(1).nextBytes(junk);
    junk[0] = (byte) 0xFF; // an Arrow continuation token, then garbage
    junk[1] = (byte) 0xFF;
    junk[2] = (byte) 0xFF;
    junk[3] = (byte) 0xFF;
    junk[4] = 16;
    junk[5] = 0;
    junk[6] = 0;
    junk[7] = 0;
    Files.write(foreign, junk);
    try (ScalarLogTail tail = new ScalarLogTail(foreign)) {
      assertThatThrownBy(tail::poll)
          .isInstanceOf(EventLogFormatException.class)
          .hasMessageContaining(foreign.toString());
    }
  }
}
