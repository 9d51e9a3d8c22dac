package dev.runboard.eventlog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The child process of {@link EventLogCrashTest}: logs scalars (and now and then a text event) as
 * fast as it can until it is killed. After every {@code flush()} returns it prints {@code ACK
 * <step>}: every row up to that step is acknowledged as written.
 *
 * <p>Values are derived from the step, so the parent can tell a real row from an invented one.
 */
public final class CrashingWriterMain {
  private CrashingWriterMain() {}

  static double valueA(long step) {
    return step * 0.5 - 3;
  }

  static double valueB(long step) {
    return Math.sqrt(step) + 1e-9 * step;
  }

  public static void main(String[] args) throws Exception {
    Path runDirectory = Path.of(args[0]);
    SplittableRandom random = new SplittableRandom(Long.parseLong(args[1]));
    PrintStream out = System.out;
    EventLogWriterOptions options =
        EventLogWriterOptions.defaults()
            .withFlushInterval(Duration.ofMillis(5)) // background flushes land mid-stride too
            .withQueueCapacity(4096) // buffers hand over often
            .withSegmentMaxBytes(256 * 1024) // rotations happen under the kill as well
            .withFsyncPolicy(FsyncPolicy.NEVER); // SIGKILL keeps the page cache; no power loss here
    EventLogWriter writer = EventLogWriter.open(runDirectory, options);
    out.println("READY " + writer.session());
    out.flush();
    long step = 0;
    while (true) {
      int stride = 1 + random.nextInt(3000);
      for (int i = 0; i < stride; i++, step++) {
        writer.scalar("a", step, step, valueA(step));
        writer.scalar("b", step, step, valueB(step));
        if (step % 1000 == 0) {
          writer.write(new TextEvent("note", step, step, "step " + step));
        }
      }
      writer.flush();
      out.println("ACK " + (step - 1));
      out.flush();
    }
  }
}
