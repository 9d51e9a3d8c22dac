package dev.runboard.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child JVM with SIGKILL at random moments, then checks what the files hold: every
 * row the child had been told was flushed is there, once, and every row there is one the child
 * logged. Trials: {@code -Dcrash.trials=N} (default 50).
 */
class EventLogCrashTest {
  private static final int TRIALS = Integer.getInteger("crash.trials", 50);

  @TempDir Path dir;

  @Test
  void everyAcknowledgedRowSurvivesSigkillOnceAndNothingIsInvented() throws Exception {
    Random random = new Random(20261125);
    int withData = 0;
    int torn = 0;
    long rows = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      Path run = dir.resolve("trial-" + trial);
      Trial result = runAndKill(run, random.nextLong(), random.nextInt(300));
      Check check = check(run, result.acknowledged);
      withData += check.steps > 0 ? 1 : 0;
      torn += check.tornFiles;
      rows += check.steps;
    }
    System.out.printf(
        "%d trials, %d with data, %d torn files, %d scalar rows per tag in all%n",
        TRIALS, withData, torn, rows);
    assertThat(withData).as("trials that logged something").isGreaterThan(TRIALS * 3 / 4);
  }

  private record Trial(long acknowledged) {}

  private record Check(long steps, int tornFiles) {}

  private Trial runAndKill(Path run, long seed, int killAfterMillis) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                CrashingWriterMain.class.getName(),
                run.toString(),
                Long.toString(seed))
            .redirectErrorStream(true)
            .start();
    AtomicLong acknowledged = new AtomicLong(-1);
    AtomicReference<String> ready = new AtomicReference<>();
    StringBuilder other = new StringBuilder();
    Object readyLock = new Object();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.startsWith("ACK ")) {
                    acknowledged.set(Long.parseLong(line.substring(4)));
                  } else if (line.startsWith("READY ")) {
                    synchronized (readyLock) {
                      ready.set(line);
                      readyLock.notifyAll();
                    }
                  } else {
                    other.append(line).append('\n');
                  }
                }
              } catch (IOException | NumberFormatException e) {
                // the pipe breaks when the child dies mid-line: the last full line counts
              }
            });
    reader.start();
    synchronized (readyLock) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (ready.get() == null && child.isAlive() && System.nanoTime() < deadline) {
        readyLock.wait(100);
      }
    }
    assertThat(ready.get()).as("child started; its output: %s", other).isNotNull();
    Thread.sleep(killAfterMillis);
    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join(10_000);
    assertThat(child.exitValue()).as("killed, not exited by itself: %s", other).isEqualTo(137);
    return new Trial(acknowledged.get());
  }

  /** Reads every file of the run and checks it against what was acknowledged. */
  private Check check(Path run, long acknowledged) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(run)) {
      files = listing.filter(EventFiles::isEventFile).sorted().collect(Collectors.toList());
    }
    List<LogEvent> events = new ArrayList<>();
    int tornFiles = 0;
    for (Path file : files) {
      try (EventLogTail tail = new EventLogTail(file)) {
        events.addAll(tail.poll());
        tornFiles += tail.tornTail().isPresent() ? 1 : 0;
      }
    }
    List<ScalarEvent> a = new ArrayList<>();
    List<ScalarEvent> b = new ArrayList<>();
    for (ScalarEvent e : TestLogs.only(events, ScalarEvent.class)) {
      (e.tag().equals("a") ? a : b).add(e);
    }
    assertThat(a.size()).as("rows of a: every acknowledged one (up to step %d)", acknowledged)
        .isGreaterThanOrEqualTo((int) (acknowledged + 1));
    assertThat(b.size()).isGreaterThanOrEqualTo((int) (acknowledged + 1));
    // Batches are written in order, so the rows read are exactly steps 0..n-1: no gap, no repeat.
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).isEqualTo(new ScalarEvent("a", i, i, CrashingWriterMain.valueA(i)));
    }
    for (int i = 0; i < b.size(); i++) {
      assertThat(b.get(i)).isEqualTo(new ScalarEvent("b", i, i, CrashingWriterMain.valueB(i)));
    }
    List<TextEvent> notes = TestLogs.only(events, TextEvent.class);
    for (int i = 0; i < notes.size(); i++) {
      long step = i * 1000L;
      assertThat(notes.get(i)).isEqualTo(new TextEvent("note", step, step, "step " + step));
    }
    assertThat(notes.size()).as("acknowledged notes").isGreaterThanOrEqualTo((int) (acknowledged / 1000 + (acknowledged >= 0 ? 1 : 0)));
    List<SessionEvent> sessions = TestLogs.only(events, SessionEvent.class);
    assertThat(sessions).extracting(SessionEvent::kind).containsExactly(SessionEvent.Kind.START);
    return new Check(a.size(), tornFiles);
  }
}
