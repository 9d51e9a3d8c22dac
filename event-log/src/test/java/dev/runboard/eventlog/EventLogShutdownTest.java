package dev.runboard.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process that exits without closing its writer still gets everything it logged written. */
class EventLogShutdownTest {
  @TempDir Path dir;

  @Test
  void theShutdownHookWritesWhatWasLoggedAndEndsTheSession() throws Exception {
    int rows = 100_000;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                ExitingWriterMain.class.getName(),
                dir.toString(),
                Integer.toString(rows))
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes());
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isEqualTo(3);

    List<LogEvent> events = TestLogs.readRun(dir); // also checks every file ended cleanly
    List<ScalarEvent> scalars = TestLogs.only(events, ScalarEvent.class);
    assertThat(scalars).hasSize(rows);
    for (int step = 0; step < rows; step++) {
      assertThat(scalars.get(step)).isEqualTo(new ScalarEvent("loss", step, step, 1.0 / (step + 1)));
    }
    assertThat(TestLogs.only(events, TextEvent.class))
        .containsExactly(new TextEvent("note", rows, rows, "last words"));
    assertThat(TestLogs.only(events, SessionEvent.class))
        .extracting(SessionEvent::kind)
        .containsExactly(SessionEvent.Kind.START, SessionEvent.Kind.STOP);
  }
}
