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
    assertThat(out.toString()).contains("demo", "serve", "export", "inspect", "train", "export-model", "runboard test");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"demo", "serve", "export", "inspect", "train", "export-model", "bench", "health"}) {
      assertThat(run(command, "--help")).as(command).isZero();
    }
    assertThat(out.toString()).contains("--logdir", "--port", "--host", "--epochs", "--model", "--dataset");
  }

  @Test
  void benchTeamNeedsAnS3Logdir() {
    assertThat(run("bench", "team", "--logdir", "/tmp/runs")).isEqualTo(2);
    assertThat(err.toString()).contains("--logdir must be s3://bucket/prefix");
    assertThat(run("bench", "team", "--logdir", "s3://b/p", "--viewers", "0")).isEqualTo(2);
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

  /** Train one epoch, resume to three: the same model, bit for bit, as three epochs in one go. */
  @Test
  void trainResumeContinuesExactlyWhereTheSavedModelStopped() throws Exception {
    String[] settings = {"--model", "mlp", "--dataset", "synthetic", "--train-examples", "300",
        "--validation-split", "0", "--batch-size", "50", "--logdir", dir.toString()};
    String full = captureStdout(() -> run(with(settings, "train", "--epochs", "3", "--run", "full")));
    captureStdout(() -> run(with(settings, "train", "--epochs", "1", "--run", "part")));
    Path saved = dir.resolve("part/model.rbmodel");
    // Settings and dataset come from the file; the run directory is the file's.
    String resumed = captureStdout(() -> run("train", "--resume", saved.toString(), "--epochs", "3"));

    assertThat(resumed).contains("Resuming after epoch 1 (optimizer step 6) up to epoch 3", "Epoch 2/3", "Epoch 3/3")
        .doesNotContain("Epoch 1/3");
    assertThat(lastLine(resumed)).isEqualTo(lastLine(full));
    List<float[]> expected = dev.runboard.trainer.model.Sequential.load(dir.resolve("full/model.rbmodel")).getWeights();
    List<float[]> actual = dev.runboard.trainer.model.Sequential.load(saved).getWeights();
    for (int w = 0; w < expected.size(); w++) {
      assertThat(actual.get(w)).as("weight %d", w).containsExactly(expected.get(w));
    }
    try (var sessions = Files.list(dir.resolve("part/train"))) {
      assertThat(sessions.map(p -> p.getFileName().toString()).filter(n -> n.contains(".session.")))
          .as("two writer sessions in the resumed run").hasSize(2);
    }

    assertThat(run("train", "--resume", saved.toString(), "--epochs", "3")).as("already 3 epochs").isEqualTo(2);
    assertThat(err.toString()).contains("has trained 3 epochs already");
    assertThat(run("train", "--resume", dir.resolve("none.rbmodel").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("none.rbmodel is not a file");
    assertThat(run("train", "--resume", saved.toString(), "--model", "seed-cnn", "--epochs", "4")).isEqualTo(2);
    assertThat(err.toString()).contains("--model cannot change on --resume");
    Path damaged = dir.resolve("damaged.rbmodel");
    byte[] bytes = Files.readAllBytes(saved);
    Files.write(damaged, Arrays.copyOf(bytes, bytes.length / 2));
    assertThat(run("train", "--resume", damaged.toString(), "--epochs", "4")).isEqualTo(1);
    assertThat(err.toString()).contains("runboard train: cannot resume: " + damaged + " at byte ").doesNotContain("\tat ");
  }

  @Test
  void exportModelWritesOnnxAndReportsSizeAndAccuracy() throws Exception {
    String trained = captureStdout(() -> run("train", "--model", "mlp", "--dataset", "synthetic", "--train-examples",
        "2000", "--validation-split", "0", "--epochs", "1", "--batch-size", "50", "--logdir", dir.toString(), "--run", "m"));
    Path model = dir.resolve("m/model.rbmodel");
    Path onnx = dir.resolve("m.onnx");
    String stdout = captureStdout(() -> run("export-model", "--onnx", "--quantize", "int8", model.toString(), onnx.toString()));
    assertThat(stdout).contains("int8 weights", "Test accuracy on synthetic");
    String last = lastLine(stdout);
    assertThat(last).matches(
        "onnx_bytes=\\d+ float_bytes=\\d+ size_ratio=0\\.\\d{3} float_accuracy=[01]\\.\\d{4} onnx_accuracy=[01]\\.\\d{4}");
    Map<String, Double> figures = new java.util.HashMap<>();
    for (String pair : last.split(" ")) {
      figures.put(pair.substring(0, pair.indexOf('=')), Double.parseDouble(pair.substring(pair.indexOf('=') + 1)));
    }
    assertThat(figures.get("onnx_bytes")).isEqualTo((double) Files.size(onnx));
    assertThat(figures.get("size_ratio")).isLessThanOrEqualTo(0.30);
    assertThat(Math.abs(figures.get("onnx_accuracy") - figures.get("float_accuracy"))).isLessThanOrEqualTo(0.01);
    // The same test set (found through the notes train saved) and the same weights as train's last line.
    assertThat(lastLine(trained)).startsWith(String.format(java.util.Locale.ROOT, "test_accuracy=%.4f ", figures.get("float_accuracy")));

    String plain = captureStdout(() -> run("export-model", "--onnx", "--no-check", model.toString(), onnx.toString()));
    assertThat(lastLine(plain)).matches("onnx_bytes=(\\d+) float_bytes=\\1 size_ratio=1\\.000");

    assertThat(run("export-model", model.toString(), onnx.toString())).as("no format").isEqualTo(2);
    assertThat(err.toString()).contains("--onnx");
    assertThat(run("export-model", "--onnx", "--quantize", "int4", model.toString(), onnx.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--quantize must be int8, was int4");
    assertThat(run("export-model", "--onnx", dir.resolve("none.rbmodel").toString(), onnx.toString())).isEqualTo(2);
    Path damaged = dir.resolve("damaged.rbmodel");
    Files.write(damaged, Arrays.copyOf(Files.readAllBytes(model), 100));
    assertThat(run("export-model", "--onnx", damaged.toString(), onnx.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("runboard export-model: " + damaged + " at byte ");
  }

  private static String[] with(String[] settings, String... args) {
    String[] all = Arrays.copyOf(args, args.length + settings.length);
    System.arraycopy(settings, 0, all, args.length, settings.length);
    return all;
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\\R");
    return lines[lines.length - 1];
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
    assertThat(err.toString()).contains("--backend: unknown backend 'tpu': expected cpu, openblas, java or cuda");
    String stdout =
        captureStdout(() -> run("train", "--backend", "cpu", "--dataset", "synthetic", "--train-examples", "100",
            "--epochs", "1", "--batch-size", "50", "--logdir", dir.toString(), "--run", "cpu"));
    assertThat(stdout).containsPattern("Backend: (oneDNN [0-9.]+ convolutions \\+ )?(OpenBLAS|pure Java)");
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
        .matches("sgemm_gflops=\\d+\\.\\d{2} train_gflops=\\d+\\.\\d{2} ratio=\\d+\\.\\d{3} cpu_ratio=\\d+\\.\\d{3}");
  }

  @Test
  void benchTrainerOpsComparesTheConvolutionBlocksStageByStage() throws Exception {
    String stdout = captureStdout(() -> run("bench", "trainer", "--ops", "--steps", "2", "--batch-size", "4"));
    assertThat(stdout).contains("conv 13x13x32 -> 64 + pool", "max pooling, forward + backward", "input gradient (backward data)");
    assertThat(lastLine(stdout)).matches("ops_blocks_before_ms=\\d+\\.\\d{3} ops_blocks_after_ms=\\d+\\.\\d{3} speedup=\\d+\\.\\d{2}");
    assertThat(run("bench", "trainer", "--ops", "--backend", "openblas")).isEqualTo(2);
    assertThat(err.toString()).contains("--ops compares against fused convolution blocks");
  }

  /**
   * The comparison's code path for a few steps: Runboard's side runs, and without the libtorch jar
   * (built only on request) the command fails saying how to build it.
   */
  @Test
  void benchTrainerVsLibtorchRunsOurSideAndNamesTheMissingLibtorchBuild() throws Exception {
    java.io.PrintStream original = System.out;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    int status;
    try {
      status = run("bench", "trainer", "--vs-libtorch", "--libtorch-jar", dir.resolve("missing.jar").toString(),
          "--gemm-size", "64", "--steps", "2", "--warmup-steps", "1", "--batch-size", "8");
    } finally {
      System.setOut(original);
    }
    assertThat(status).isEqualTo(1);
    assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8))
        .containsPattern("seed CNN 28x28x1, batch 8, 2 timed steps: \\d+ images/s")
        .contains("sgemm_gflops=");
    assertThat(err.toString())
        .contains("runboard bench trainer: the libtorch bench " + dir.resolve("missing.jar") + " is not built")
        .contains("./mvnw -q -P libtorch -pl bench-libtorch package");
    assertThat(run("bench", "trainer", "--vs-libtorch", "--libtorch-threads", "0")).isEqualTo(2);
  }

  /**
   * The libtorch side itself, on request: where {@code -Drunboard.libtorch.jar} names the built jar
   * (./mvnw -P libtorch -pl bench-libtorch package), the full comparison for a few steps.
   */
  @Test
  void benchTrainerVsLibtorchEndsWithTheComparisonLine() throws Exception {
    String jar = System.getProperty("runboard.libtorch.jar");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        jar != null && Files.isRegularFile(Path.of(jar)), "libtorch bench not requested (-Drunboard.libtorch.jar)");
    String stdout = captureStdout(() -> run("bench", "trainer", "--vs-libtorch", "--libtorch-jar", jar,
        "--libtorch-threads", "1", "--gemm-size", "64", "--steps", "2", "--warmup-steps", "1", "--batch-size", "8"));
    assertThat(stdout).contains("[libtorch] PyTorch built with:");
    assertThat(lastLine(stdout)).matches("runboard_images_per_s=\\d+\\.\\d libtorch_images_per_s=\\d+\\.\\d ratio=\\d+\\.\\d{3}");
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
