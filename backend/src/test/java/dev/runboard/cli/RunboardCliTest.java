package dev.runboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.eventlog.EventLogWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunboardCliTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = RunboardCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void helpListsTheCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("demo", "serve", "export", "train", "runboard test");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"demo", "serve", "export", "train"}) {
      assertThat(run(command, "--help")).as(command).isZero();
    }
    assertThat(out.toString()).contains("--logdir", "--port", "--host", "--epochs");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing command");
  }

  @Test
  void unknownCommandsAndBadFlagsExitWith2AndSayWhy() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("frobnicate");

    assertThat(run("serve", "--port", "abc")).isEqualTo(2);
    assertThat(err.toString()).contains("--port");

    assertThat(run("serve", "--port", "70000")).isEqualTo(2);
    assertThat(err.toString()).contains("between 0 and 65535");

    assertThat(run("serve", "--bogus")).isEqualTo(2);
    assertThat(err.toString()).contains("--bogus");

    assertThat(run("demo", "--epochs", "0", "--port", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("epochs must be at least 1");
  }

  @Test
  void exportNeedsAnExistingLogdir() {
    assertThat(run("export", "--logdir", dir.resolve("missing").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is not a directory");
  }

  @Test
  void exportPrintsEveryPointAsCsv() throws Exception {
    try (EventLogWriter writer = EventLogWriter.open(dir.resolve("run/train"))) {
      writer.scalar("loss", 0, 100.0, 0.75);
      writer.scalar("loss", 1, 101.0, 0.5);
    }
    assertThat(run("export", "--logdir", dir.toString())).isZero();
    assertThat(out.toString())
        .isEqualTo("run,tag,step,wall_time,value\nrun/train,loss,0,100.0,0.75\nrun/train,loss,1,101.0,0.5\n");
  }
}
