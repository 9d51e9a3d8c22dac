package dev.runboard.trainer.bench;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.Backends;
import dev.runboard.trainer.backend.DnnlBackend;
import dev.runboard.trainer.backend.OpenBlasBackend;
import dev.runboard.trainer.model.FitOptions;
import dev.runboard.trainer.model.SeedModels;
import dev.runboard.trainer.model.Sequential;
import dev.runboard.trainer.tensor.Tensor;
import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures, in one process, the machine's OpenBLAS sgemm throughput and the seed CNN's training
 * throughput on the same backend, so that their ratio says how much of the BLAS speed training
 * keeps. Training FLOPs are the GEMMs actually executed (counted by {@link CountingBackend}).
 */
public final class TrainerBench {
  /**
   * @param gemmSize    side of the square sgemm
   * @param height      image height of the seed CNN's input (28 for Fashion-MNIST)
   * @param width       image width
   * @param channels    image channels
   * @param batchSize   training batch
   * @param warmupSteps steps run before timing (JIT, buffer growth)
   * @param steps       timed steps
   */
  public record Settings(
      int gemmSize, int height, int width, int channels, int batchSize, int warmupSteps, int steps) {
    public static Settings defaults() {
      return new Settings(2048, 28, 28, 1, 64, 30, 100);
    }
  }

  /**
   * Everything measured; {@code ratio = trainGflops / sgemmGflops}. The CPU figures are GFLOP per
   * CPU-second (all threads): on a machine whose cores are busy with other work they still measure
   * how much of the arithmetic rate training keeps, where wall-clock rates mostly measure the load.
   * {@code sgemmCpuGflops} is one-thread sgemm's (NaN without OpenBLAS).
   */
  public record Result(
      double sgemmGflops, double trainGflops, double imagesPerSecond, double gemmShare,
      double convolutionShare, long flopsPerStep, double trainCpuGflops, double sgemmCpuGflops) {
    public double ratio() {
      return trainGflops / sgemmGflops;
    }

    /** Training's GFLOP per CPU-second over one-thread sgemm's. */
    public double cpuRatio() {
      return trainCpuGflops / sgemmCpuGflops;
    }

    Result withSgemm(double sgemm, double sgemmCpu) {
      return new Result(
          sgemm, trainGflops, imagesPerSecond, gemmShare, convolutionShare, flopsPerStep, trainCpuGflops, sgemmCpu);
    }
  }

  private TrainerBench() {}

  public static Result run(Settings s, PrintStream out) throws InterruptedException {
    return run(s, Backends.cpu(), out);
  }

  /** As {@link #run(Settings, PrintStream)} on the given backend (e.g. CUDA). */
  public static Result run(Settings s, Backend backend, PrintStream out) throws InterruptedException {
    int cores = Runtime.getRuntime().availableProcessors();
    OpenBlasBackend blas = openBlasOf(backend);
    int trainThreads = blas == null ? 1 : blas.threads();
    out.printf(Locale.ROOT, "backend: %s, %d cores%n", backend.name(), cores);
    // The machine's sgemm: every core, whatever training is configured to use.
    if (blas != null) {
      blas.setThreads(cores);
    }
    double sgemm = sgemmGflops(backend, s.gemmSize());
    out.printf(Locale.ROOT, "sgemm %d^3, %d threads: %.1f GFLOP/s (best of 5)%n", s.gemmSize(), cores, sgemm);
    Result result = null;
    try {
      if (blas != null && trainThreads != 1) {
        blas.setThreads(1);
        out.print("for comparison, 1 BLAS thread: ");
        train(s, backend, sgemm, out);
      }
      if (blas != null) {
        blas.setThreads(trainThreads);
      }
      out.printf(Locale.ROOT, "%d BLAS thread(s) (the trainer's setting): ", trainThreads);
      result = train(s, backend, sgemm, out);
    } finally {
      if (blas != null) {
        blas.setThreads(trainThreads);
      }
    }
    // Measured again after training: on a shared or virtual machine the sgemm rate moves (we saw
    // it halve between runs); the higher of the two is the machine's, so the ratio errs low.
    if (blas != null) {
      blas.setThreads(cores);
    }
    double sgemmAfter = sgemmGflops(backend, s.gemmSize());
    out.printf(Locale.ROOT, "sgemm %d^3, %d threads, after training: %.1f GFLOP/s%n", s.gemmSize(), cores, sgemmAfter);
    double sgemmCpu = Double.NaN;
    if (blas != null) {
      blas.setThreads(1); // one thread: the caller's, whose CPU clock then times all of it
      sgemmCpu = sgemmCpuGflops(backend, s.gemmSize());
      blas.setThreads(trainThreads);
      out.printf(
          Locale.ROOT, "sgemm %d^3, 1 thread: %.1f GFLOP per CPU-second; training %.1f: CPU-time ratio %.3f%n",
          s.gemmSize(), sgemmCpu, result.trainCpuGflops(), result.trainCpuGflops() / sgemmCpu);
    }
    return result.withSgemm(Math.max(sgemm, sgemmAfter), sgemmCpu);
  }

  /** The OpenBLAS backend under {@code backend} (itself, or the GEMMs of a oneDNN one), or null. */
  private static OpenBlasBackend openBlasOf(Backend backend) {
    if (backend instanceof DnnlBackend) {
      backend = ((DnnlBackend) backend).gemmBackend();
    }
    return backend instanceof OpenBlasBackend ? (OpenBlasBackend) backend : null;
  }

  private static Result train(Settings s, Backend backend, double sgemm, PrintStream out)
      throws InterruptedException {
    CountingBackend counting = new CountingBackend(backend);
    Sequential model = SeedModels.seedCnn(s.height(), s.width(), s.channels(), 10).backend(counting);
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    int examples = s.batchSize() * Math.max(s.warmupSteps(), s.steps());
    SplittableRandom random = new SplittableRandom(1);
    float[] pixels = new float[examples * s.height() * s.width() * s.channels()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextDouble();
    }
    float[] labels = new float[examples];
    for (int i = 0; i < examples; i++) {
      labels[i] = random.nextInt(10);
    }
    Tensor x = Tensor.of(pixels, examples, s.height(), s.width(), s.channels());
    Tensor y = Tensor.of(labels, examples);

    int warmupExamples = s.batchSize() * s.warmupSteps();
    model.fit(slice(x, warmupExamples), slice(y, warmupExamples),
        FitOptions.fit().epochs(1).batchSize(s.batchSize()).verbose(0));
    counting.reset();
    int timedExamples = s.batchSize() * s.steps();
    long cpuStart = TrainerOpsBench.processCpuNanos();
    long start = System.nanoTime();
    model.fit(slice(x, timedExamples), slice(y, timedExamples),
        FitOptions.fit().epochs(1).batchSize(s.batchSize()).verbose(0));
    long nanos = System.nanoTime() - start;
    long cpuNanos = TrainerOpsBench.processCpuNanos() - cpuStart;
    double cpuMsPerStep = cpuNanos / 1e6 / s.steps();
    double seconds = nanos / 1e9;
    double trainGflops = counting.flops() / seconds / 1e9;
    Result result =
        new Result(
            sgemm, trainGflops, timedExamples / seconds, (double) counting.gemmNanos() / nanos,
            (double) counting.convolutionNanos() / nanos, counting.flops() / s.steps(),
            (double) counting.flops() / cpuNanos, Double.NaN);
    out.printf(
        Locale.ROOT,
        "seed CNN %dx%dx%d, batch %d, %d timed steps: %.0f images/s, %.1f ms/step (CPU, all threads: %.1f ms/step),"
            + " %.1f MFLOP/step, %.1f GFLOP/s; time in convolutions %.0f%%, in other GEMMs %.0f%%%n",
        s.height(), s.width(), s.channels(), s.batchSize(), s.steps(), result.imagesPerSecond(),
        seconds * 1000 / s.steps(), cpuMsPerStep, result.flopsPerStep() / 1e6, trainGflops,
        result.convolutionShare() * 100, result.gemmShare() * 100);
    return result;
  }

  private static Tensor slice(Tensor t, int n) {
    int per = t.size() / t.dim(0);
    int[] shape = t.shape();
    shape[0] = n;
    return Tensor.of(java.util.Arrays.copyOf(t.data(), n * per), shape);
  }

  /** Best of five one-thread square sgemms, in GFLOP per CPU-second of the calling thread. */
  static double sgemmCpuGflops(Backend backend, int n) {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    return sgemmGflops(backend, n, threads::getCurrentThreadCpuTime);
  }

  /** Best of five timed square sgemms after a warm-up. */
  static double sgemmGflops(Backend backend, int n) {
    return sgemmGflops(backend, n, System::nanoTime);
  }

  /** Best of five square sgemms after a warm-up, timed by {@code clock} (nanoseconds). */
  private static double sgemmGflops(Backend backend, int n, java.util.function.LongSupplier clock) {
    SplittableRandom random = new SplittableRandom(2);
    float[] a = new float[n * n];
    float[] b = new float[n * n];
    float[] c = new float[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextDouble();
      b[i] = (float) random.nextDouble();
    }
    backend.gemm(false, false, n, n, n, 1f, a, 0, b, 0, 0f, c, 0);
    double best = 0;
    for (int rep = 0; rep < 5; rep++) {
      long start = clock.getAsLong();
      backend.gemm(false, false, n, n, n, 1f, a, 0, b, 0, 0f, c, 0);
      double seconds = (clock.getAsLong() - start) / 1e9;
      best = Math.max(best, 2.0 * n * n * n / seconds / 1e9);
    }
    return best;
  }

  public static void main(String[] args) throws Exception {
    Result r = run(Settings.defaults(), System.out);
    System.out.printf(
        Locale.ROOT, "sgemm_gflops=%.2f train_gflops=%.2f ratio=%.3f cpu_ratio=%.3f%n", r.sgemmGflops(),
        r.trainGflops(), r.ratio(), r.cpuRatio());
  }
}
