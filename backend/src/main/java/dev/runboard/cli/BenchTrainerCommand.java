package dev.runboard.cli;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.CudaUnavailableException;
import dev.runboard.trainer.backend.Backends;
import dev.runboard.trainer.bench.TrainerBench;
import dev.runboard.trainer.bench.TrainerOpsBench;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "trainer",
    mixinStandardHelpOptions = true,
    description = {
      "sgemm GFLOP/s and the seed CNN's training throughput on one backend (oneDNN + OpenBLAS, OpenBLAS"
          + " alone, pure Java or CUDA), in one run.",
      "Last line: sgemm_gflops=<x> train_gflops=<y> ratio=<y/x> cpu_ratio=<z>, z being training's GFLOP"
          + " per CPU-second over one-thread sgemm's (what the ratio is on a machine busy with other work).",
      "With --vs-libtorch it then trains the same network (shapes, batch, Adam, steps, random data) in"
          + " libtorch 2.10, PyTorch's C++ core, in a process of its own (build it first: ./mvnw -q -P libtorch"
          + " -pl bench-libtorch package), and the last line is:",
      "runboard_images_per_s=<x> libtorch_images_per_s=<y> ratio=<x/y>",
      "With --ops instead: the seed CNN's convolution blocks stage by stage (forward, pooling, gradients),"
          + " OpenBLAS's op-by-op kernels against the backend's fused oneDNN blocks, each repetition running"
          + " both; --steps repetitions. Last line: ops_blocks_before_ms=<x> ops_blocks_after_ms=<y> speedup=<x/y>"
    })
final class BenchTrainerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin BackendOption backendOption;

  @Option(names = "--batch-size", paramLabel = "B", defaultValue = "64", description = "Training batch (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--steps", paramLabel = "N", defaultValue = "100", description = "Timed training steps (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--warmup-steps", paramLabel = "N", defaultValue = "30", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
  int warmupSteps;

  @Option(names = "--gemm-size", paramLabel = "N", defaultValue = "2048", description = "Side of the square sgemm (default: ${DEFAULT-VALUE}).")
  int gemmSize;

  @Option(
      names = "--input",
      paramLabel = "HxWxC",
      defaultValue = "28x28x1",
      description = "Image shape of the seed CNN: 28x28x1 (Fashion-MNIST, default) or 32x32x3 (CIFAR-10).")
  String input;

  @Option(names = "--ops", description = "Time the convolution blocks stage by stage, OpenBLAS against oneDNN.")
  boolean ops;

  @Option(names = "--vs-libtorch", description = "Also train the same network in libtorch and compare.")
  boolean vsLibtorch;

  @Option(
      names = "--libtorch-jar",
      paramLabel = "FILE",
      description = "The libtorch bench (default: $RUNBOARD_LIBTORCH_JAR, else"
          + " bench-libtorch/target/runboard-bench-libtorch.jar).")
  Path libtorchJar;

  @Option(
      names = "--libtorch-threads",
      paramLabel = "N",
      description = "libtorch's threads, also its OMP_NUM_THREADS (default: $OMP_NUM_THREADS, as Runboard's"
          + " oneDNN uses it, else libtorch's own default).")
  Integer libtorchThreads;

  @Override
  public Integer call() throws Exception {
    String[] parts = input.split("x");
    if (parts.length != 3 || batchSize < 1 || steps < 1 || warmupSteps < 0 || gemmSize < 1
        || (libtorchThreads != null && libtorchThreads < 1)) {
      throw new ParameterException(spec.commandLine(), "invalid bench settings (--input like 28x28x1, positive sizes)");
    }
    int height;
    int width;
    int channels;
    try {
      height = Integer.parseInt(parts[0]);
      width = Integer.parseInt(parts[1]);
      channels = Integer.parseInt(parts[2]);
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), "--input must look like 28x28x1, was " + input);
    }
    Backend backend;
    try {
      backend = backendOption.resolve();
    } catch (CudaUnavailableException e) {
      return backendOption.unavailable(e);
    }
    PrintStream out = System.out;
    if (ops) {
      if (backend.convolutionBlocks() == null) {
        throw new ParameterException(spec.commandLine(), "--ops compares against fused convolution blocks: "
            + backend.name() + " has none (use --backend cpu)");
      }
      double before = 0;
      double after = 0;
      for (TrainerOpsBench.Stage stage :
          TrainerOpsBench.run(Backends.openBlas(), backend, batchSize, steps, out)) {
        if (stage.stage().startsWith("whole block")) {
          before += stage.beforeMs();
          after += stage.afterMs();
        }
      }
      out.printf(Locale.ROOT, "ops_blocks_before_ms=%.3f ops_blocks_after_ms=%.3f speedup=%.2f%n", before, after, before / after);
      return 0;
    }
    TrainerBench.Result r =
        TrainerBench.run(
            new TrainerBench.Settings(gemmSize, height, width, channels, batchSize, warmupSteps, steps),
            backend, out);
    out.printf(
        Locale.ROOT, "sgemm_gflops=%.2f train_gflops=%.2f ratio=%.3f cpu_ratio=%.3f%n",
        r.sgemmGflops(), r.trainGflops(), r.ratio(), r.cpuRatio());
    if (!vsLibtorch) {
      return 0;
    }
    double libtorch;
    try {
      out.println("libtorch, same network and settings:");
      libtorch = LibtorchBench.run(
          LibtorchBench.locate(libtorchJar), input, batchSize, warmupSteps, steps, threads(), out);
    } catch (java.io.IOException e) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
      return 1;
    }
    out.println(LibtorchBench.comparison(r.imagesPerSecond(), libtorch));
    return 0;
  }

  /** libtorch's thread count: the option, else OMP_NUM_THREADS (what Runboard's oneDNN runs with), else 0. */
  private int threads() {
    if (libtorchThreads != null) {
      return libtorchThreads;
    }
    try {
      String omp = System.getenv("OMP_NUM_THREADS");
      return omp == null ? 0 : Math.max(0, Integer.parseInt(omp.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
