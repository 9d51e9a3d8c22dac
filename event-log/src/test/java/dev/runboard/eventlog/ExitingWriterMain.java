package dev.runboard.eventlog;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Child process of {@link EventLogShutdownTest}: logs rows that no flush has written yet (the
 * interval is an hour), then exits without closing its writer. The shutdown hook must write them.
 */
public final class ExitingWriterMain {
  private ExitingWriterMain() {}

  public static void main(String[] args) throws Exception {
    EventLogWriter writer =
        EventLogWriter.open(
            Path.of(args[0]), EventLogWriterOptions.defaults().withFlushInterval(Duration.ofHours(1)));
    int rows = Integer.parseInt(args[1]);
    for (int step = 0; step < rows; step++) {
      writer.scalar("loss", step, step, 1.0 / (step + 1));
    }
    writer.write(new TextEvent("note", rows, rows, "last words"));
    System.exit(3); // no close(), no flush()
  }
}
