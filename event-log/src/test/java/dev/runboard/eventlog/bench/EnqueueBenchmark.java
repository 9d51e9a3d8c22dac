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
 * Cost of {@link EventLogWriter#scalar} on the calling thread, amortised over {@value #CALLS}
 * calls (8 tags, buffer hand-overs to the writer thread included). Each measured shot starts with
 * an empty queue (flushed in the setup) and logs less than its capacity, so what is measured is
 * the enqueue itself, not the disk: the disk's rate is {@link WriteBenchmark}'s subject.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 20)
@Measurement(iterations = 40)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class EnqueueBenchmark {
  static final int CALLS = 200_000;
  private static final String[] TAGS = {
    "batch_loss", "batch_accuracy", "learning_rate", "grad_norm",
    "epoch_loss", "epoch_accuracy", "val_loss", "val_accuracy"
  };

  private Path directory;
  private EventLogWriter writer;
  private long step;

  @Setup(Level.Trial)
  public void open() throws IOException {
    directory = Files.createTempDirectory("runboard-enqueue-bench");
    writer =
        EventLogWriter.open(
            directory,
            EventLogWriterOptions.defaults()
                .withQueueCapacity(4 * 65_536)
                .withFsyncPolicy(FsyncPolicy.NEVER));
  }

  @Setup(Level.Iteration)
  public void drain() throws IOException {
    writer.flush();
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    writer.close();
    BenchFiles.deleteRecursively(directory);
  }

  @Benchmark
  @OperationsPerInvocation(CALLS)
  public void scalar() {
    long s = step;
    for (int i = 0; i < CALLS; i++, s++) {
      writer.scalar(TAGS[i & 7], s, 1.7e9, 0.5);
    }
    step = s;
  }
}
