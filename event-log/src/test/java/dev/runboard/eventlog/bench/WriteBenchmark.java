package dev.runboard.eventlog.bench;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.EventLogWriterOptions;
import dev.runboard.eventlog.FsyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sustained rate to disk: {@value #ROWS} scalars logged by one thread and {@code flush()}ed, so
 * the time covers enqueueing, encoding and writing every row (page cache; fsync per segment).
 * Reported as ns per row: rows/s = 1e9 / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class WriteBenchmark {
  static final int ROWS = 5_000_000;
  private static final String[] TAGS = {
    "batch_loss", "batch_accuracy", "learning_rate", "grad_norm",
    "epoch_loss", "epoch_accuracy", "val_loss", "val_accuracy"
  };

  private Path directory;

  @Setup(Level.Iteration)
  public void createDirectory() throws IOException {
    directory = Files.createTempDirectory("runboard-write-bench");
  }

  @TearDown(Level.Iteration)
  public void deleteDirectory() throws IOException {
    BenchFiles.deleteRecursively(directory);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void writeAndFlush() throws IOException {
    try (EventLogWriter writer =
        EventLogWriter.open(
            directory, EventLogWriterOptions.defaults().withFsyncPolicy(FsyncPolicy.PER_SEGMENT))) {
      for (int i = 0; i < ROWS; i++) {
        writer.scalar(TAGS[i & 7], i, 1.7e9 + i * 1e-3, Math.sqrt(i));
      }
      writer.flush();
    }
  }
}
