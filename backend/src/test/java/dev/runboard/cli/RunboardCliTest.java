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
    for (String command : new String[] {"demo", "serve", "export", "train", "bench"}) {
      assertThat(run(command, "--help")).as(command).isZero();
    }
    assertThat(out.toString()).contains("--logdir", "--port", "--host", "--epochs", "--model", "--dataset");
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

  @Test
  void trainRunsTheSeedExampleAndEndsWithTheAccuracyLine() throws Exception {
    String stdout =
        captureStdout(() -> run("train", "--dataset", "synthetic", "--train-examples", "300", "--epochs", "1",
            "--batch-size", "50", "--logdir", dir.toString(), "--run", "cli"));
    assertThat(stdout).contains("Epoch 1/1", "conv2d (Conv2D)");
    String[] lines = stdout.strip().split("\\R");
    assertThat(lines[lines.length - 1]).matches("test_accuracy=[01]\\.\\d{4} test_loss=\\d+\\.\\d{4}");
    assertThat(dir.resolve("cli/train")).isDirectory();
    assertThat(dir.resolve("cli/model.rbmodel")).isRegularFile();
  }

  @Test
  void trainRejectsUnknownModelsAndDatasets() {
    assertThat(run("train", "--model", "resnet", "--logdir", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("model must be one of [seed-cnn, mlp]");
    assertThat(run("train", "--dataset", "imagenet", "--logdir", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--dataset must be one of [fashion-mnist, cifar10, synthetic]");
    assertThat(run("train", "--dataset", "cifar10", "--logdir", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("needs --data-dir");
  }

  @Test
  void benchTrainerEndsWithTheRatioLine() throws Exception {
    String stdout =
        captureStdout(() -> run("bench", "trainer", "--gemm-size", "256", "--steps", "2", "--warmup-steps", "1",
            "--batch-size", "8"));
    String[] lines = stdout.strip().split("\\R");
    assertThat(lines[lines.length - 1])
        .matches("sgemm_gflops=\\d+\\.\\d{2} train_gflops=\\d+\\.\\d{2} ratio=\\d+\\.\\d{3}");
  }

  /** Commands that train print to System.out (the console the progress bar redraws). */
  private static String captureStdout(java.util.concurrent.Callable<Integer> command) throws Exception {
    java.io.PrintStream original = System.out;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertThat(command.call()).isZero();
    } finally {
      System.setOut(original);
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
