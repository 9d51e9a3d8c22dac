package dev.runboard.eventlog.bench;

import dev.runboard.eventlog.EventFileTail;
import dev.runboard.eventlog.EventLogTail;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.EventLogWriterOptions;
import dev.runboard.eventlog.EventSink;
import dev.runboard.eventlog.EventSource;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.ScalarBatch;
import dev.runboard.eventlog.ScalarEvent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
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
 * Reading a finished scalar segment of {@value #ROWS} rows (page cache), one thread, as ns per
 * row: {@code tail} is Runboard's reader producing {@link ScalarEvent}s, {@code tailColumns} the
 * same reader returning primitive columns ({@link ScalarBatch}), {@code tailSink} the indexing
 * path ({@link EventFileTail#poll(EventSink)}, also columns); {@code arrowBaseline} is
 * Arrow's stock stream reader loading the same batches and summing the value column (no objects),
 * the floor for any reader of this file. Also prints the file's bytes per row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class ReadBenchmark {
  static final int ROWS = 5_000_000;
  private static final String[] TAGS = {
    "batch_loss", "batch_accuracy", "learning_rate", "grad_norm",
    "epoch_loss", "epoch_accuracy", "val_loss", "val_accuracy"
  };

  private Path directory;
  private Path file;

  @Setup(Level.Trial)
  public void write() throws IOException {
    directory = Files.createTempDirectory("runboard-read-bench");
    try (EventLogWriter writer =
        EventLogWriter.open(directory, EventLogWriterOptions.defaults().withSegmentMaxBytes(1L << 30))) {
      for (int i = 0; i < ROWS; i++) {
        writer.scalar(TAGS[i & 7], i, 1.7e9 + i * 1e-3, Math.sqrt(i));
      }
    }
    List<Path> segments = BenchFiles.scalarSegments(directory);
    if (segments.size() != 1) {
      throw new IllegalStateException("expected one segment, got " + segments);
    }
    file = segments.get(0);
    System.out.printf(
        "%n[size] %d scalar rows in %d bytes: %.2f bytes per row%n",
        ROWS, Files.size(file), Files.size(file) / (double) ROWS);
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    BenchFiles.deleteRecursively(directory);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public double tail() throws IOException {
    try (EventLogTail tail = new EventLogTail(file)) {
      List<LogEvent> events = tail.poll();
      if (events.size() != ROWS) {
        throw new IllegalStateException("read " + events.size() + " rows");
      }
      return ((ScalarEvent) events.get(ROWS - 1)).value();
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public double tailColumns() throws IOException {
    double sum = 0;
    long rows = 0;
    try (EventLogTail tail = new EventLogTail(file)) {
      for (ScalarBatch batch : tail.pollScalarBatches()) {
        double[] values = batch.values();
        for (double v : values) {
          sum += v;
        }
        rows += batch.size();
      }
    }
    if (rows != ROWS) {
      throw new IllegalStateException("read " + rows + " rows");
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public double tailSink() throws IOException {
    double[] sum = new double[1];
    long[] rows = new long[1];
    try (EventLogTail tail = new EventLogTail(file)) {
      tail.poll(
          new EventSink() {
            @Override
            public void scalars(ScalarBatch batch) {
              for (double v : batch.values()) {
                sum[0] += v;
              }
              rows[0] += batch.size();
            }

            @Override
            public void event(LogEvent event, EventSource source) {
              throw new IllegalStateException("a scalar file gave " + event);
            }
          });
    }
    if (rows[0] != ROWS) {
      throw new IllegalStateException("read " + rows[0] + " rows");
    }
    return sum[0];
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public double arrowBaseline() throws IOException {
    double sum = 0;
    long rows = 0;
    try (RootAllocator allocator = new RootAllocator();
        FileChannel channel = FileChannel.open(file);
        ArrowStreamReader reader = new ArrowStreamReader(channel, allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      while (reader.loadNextBatch()) {
        Float8Vector values = (Float8Vector) root.getVector("value");
        for (int i = 0; i < root.getRowCount(); i++) {
          sum += values.get(i);
        }
        rows += root.getRowCount();
      }
    }
    if (rows != ROWS) {
      throw new IllegalStateException("read " + rows + " rows");
    }
    return sum;
  }
}
