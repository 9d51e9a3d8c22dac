package dev.runboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.EventLogWriterOptions;
import dev.runboard.eventlog.GraphEvent;
import dev.runboard.eventlog.GraphNode;
import dev.runboard.eventlog.ModelGraph;
import dev.runboard.eventlog.Histogram;
import dev.runboard.eventlog.HistogramEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
    assertThat(out.toString()).contains("demo", "serve", "export", "inspect", "train", "runboard test");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"demo", "serve", "export", "inspect", "train", "bench"}) {
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
  void servingOtherMachinesWithoutAuthenticationIsRefusedWithTheWayOut() {
    for (String host : new String[] {"0.0.0.0", "::", "192.0.2.10"}) {
      assertThat(run("serve", "--host", host, "--port", "0", "--logdir", dir.toString())).as(host).isEqualTo(2);
      assertThat(err.toString()).contains("--host " + host, "reachable from other machines", "--auth token",
          "--auth basic --users-file FILE", "--auth oidc");
    }
    assertThat(run("serve", "--host", "0.0.0.0", "--auth", "basic", "--port", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--auth basic needs --users-file FILE");
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
  void backendIsChosenByFlagAndCudaWithoutAGpuFailsSayingWhy() throws Exception {
    assertThat(run("train", "--backend", "tpu", "--logdir", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--backend: unknown backend 'tpu': expected cpu or cuda");
    String stdout =
        captureStdout(() -> run("train", "--backend", "cpu", "--dataset", "synthetic", "--train-examples", "100",
            "--epochs", "1", "--batch-size", "50", "--logdir", dir.toString(), "--run", "cpu"));
    assertThat(stdout).containsPattern("Backend: (OpenBLAS|pure Java)");
    // CI machines have no GPU; where one is present the CUDA tests in trainer-runtime cover it.
    org.junit.jupiter.api.Assumptions.assumeFalse(
        Files.exists(Path.of("/dev/nvidiactl")), "this machine has an NVIDIA GPU");
    for (String[] args : List.of(
        new String[] {"train", "--backend", "cuda", "--dataset", "synthetic", "--logdir", dir.toString()},
        new String[] {"bench", "trainer", "--backend", "cuda", "--steps", "1"})) {
      err.getBuffer().setLength(0);
      assertThat(run(args)).isEqualTo(1);
      assertThat(err.toString())
          .startsWith((args[0].equals("bench") ? "runboard bench trainer" : "runboard train")
              + ": CUDA backend unavailable: ")
          .doesNotContain("\tat ");
    }
    try (var runs = Files.list(dir)) { // the failed runs created no run directory
      assertThat(runs.map(p -> p.getFileName().toString())).containsExactly("cpu");
    }
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

  @Test
  void benchStreamReportsEachClientCountThenASummary() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = RunboardCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    int status = cli.execute("bench", "stream", "--clients", "1,3", "--rate", "200", "--seconds", "1");
    String[] lines = out.toString().strip().split("\\R");
    assertThat(status).as(out.toString()).isZero();
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).startsWith("clients=1 rate=200/s points=200 ").contains(" complete=1 resync=0 failed=0 ");
    assertThat(lines[1]).startsWith("clients=3 rate=200/s points=200 ").contains(" complete=3 resync=0 failed=0 ");
    assertThat(lines[1]).matches(".* hub_ms p50=\\d+\\.\\d p99=\\d+\\.\\d max=\\d+\\.\\d server_threads idle=\\d+ peak=\\d+ after=\\d+"
        + " server_cpu_ms=\\d+ \\(\\d+\\.\\d us/delivery\\)");
    assertThat(lines[2]).matches("stream_fanout ok=yes clients=3 rate=200 e2e_p99_ms=\\d+\\.\\d hub_p99_ms=\\d+\\.\\d threads_above_idle=-?\\d+");
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

  @Test
  void inspectSummarisesRunsTagsSessionsTornTailsAndUnreadableFiles() throws Exception {
    Path train = dir.resolve("exp/train");
    try (EventLogWriter writer = EventLogWriter.open(train)) {
      for (int step = 0; step < 10; step++) {
        writer.scalar("loss", step, 1_764_000_000.0 + step, 1.0 / (step + 1));
      }
      writer.write(new HistogramEvent("w", 0, 1_764_000_000.0, Histogram.of(new float[] {1, 2, 3})));
      writer.write(new HistogramEvent("w", 5, 1_764_000_005.0, Histogram.of(new float[] {1, 2})));
      writer.write(
          new GraphEvent(
              1_764_000_006.0,
              new ModelGraph(List.of(new GraphNode("x", "Input", List.of(), List.of(1L), 0, Map.of())))));
    }
    String resumed;
    try (EventLogWriter writer =
        EventLogWriter.open(train, EventLogWriterOptions.defaults().withResumeStep(5))) {
      resumed = writer.session();
      writer.scalar("loss", 5, 1_764_000_100.0, 0.3);
      writer.scalar("loss", 6, 1_764_000_101.0, 0.2);
      writer.flush();
      writer.scalar("loss", 7, 1_764_000_102.0, 0.1);
    }
    // Chop the resumed session's scalar file inside its last batch, as a SIGKILL would.
    Path scalars = train.resolve("events." + resumed + ".scalar.00000.arrows");
    byte[] full = Files.readAllBytes(scalars);
    Files.write(scalars, Arrays.copyOf(full, full.length - 20));
    Files.createDirectories(dir.resolve("broken"));
    Files.write(dir.resolve("broken/events.garbage.arrows"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});

    assertThat(run("inspect", "--logdir", dir.toString())).as("an unreadable file: exit 1").isEqualTo(1);
    String report = out.toString();
    assertThat(report)
        .contains("Run broken (1 file)")
        .contains("ERROR broken/events.garbage.arrows at byte 0: ")
        .contains("not an Arrow IPC stream")
        .contains("Run exp/train (6 files)")
        .contains("sessions: 2 (started at step 0, resumed at step 5)")
        .containsPattern("scalars +loss +12  0\\.\\.9 +2025-11-24T16:01:41Z")
        .containsPattern("histograms +w +2  0\\.\\.5 +2025-11-24T16:00:05Z")
        .containsPattern("graphs +__run_graph__ +1  0\\.\\.0 +2025-11-24T16:00:06Z")
        .containsPattern("WARNING torn tail: " + java.util.regex.Pattern.quote(scalars.toString()) + ": incomplete record of \\d+ bytes at byte \\d+");
    assertThat(report.indexOf("Run broken")).isLessThan(report.indexOf("Run exp/train"));
  }

  @Test
  void inspectEscapesControlCharactersInNames() throws Exception {
    try (EventLogWriter writer = EventLogWriter.open(dir.resolve("run"))) {
      writer.scalar("evil\u001b[2Jtag\u202e", 0, 1.0);
    }
    assertThat(run("inspect", "--logdir", dir.toString())).isZero();
    assertThat(out.toString()).contains("evil\\u001b[2Jtag\\u202e").doesNotContain("\u001b");
  }

  @Test
  void aBadMemoryBudgetIsAUsageError() {
    assertThat(run("serve", "--logdir", dir.toString(), "--port", "0", "--max-memory", "lots")).isEqualTo(2);
    assertThat(err.toString()).contains("--max-memory must be a size");
  }

  @Test
  void inspectNeedsAnExistingLogdir() {
    assertThat(run("inspect", "--logdir", dir.resolve("missing").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is not a directory");
  }
}
