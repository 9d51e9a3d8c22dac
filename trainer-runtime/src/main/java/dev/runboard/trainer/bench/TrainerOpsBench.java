package dev.runboard.trainer.bench;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.ops.BiasRelu;
import dev.runboard.trainer.ops.Conv2D;
import dev.runboard.trainer.ops.FusedConvolution;
import dev.runboard.trainer.ops.MaxPool2D;
import dev.runboard.trainer.ops.PoolWindow;
import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The seed CNN's convolution blocks op by op, on two backends in the same process (each repetition
 * runs both, so both see the same machine): the op-by-op ops (im2col + GEMM convolution, Java bias
 * + ReLU and max pooling) against a backend's fused convolution blocks (oneDNN). Stages inside one
 * call are timed as differences: the input gradient as the backward pass with it minus the one
 * without, pooling (op-by-op side only) as the block with pooling minus the block without. Medians
 * of wall time, and of the process's CPU time (all threads): on a machine busy with other work
 * the CPU time still measures the work done, where wall time also counts the waits for a core.
 */
public final class TrainerOpsBench {
  private static final PoolWindow POOL = new PoolWindow(2, 2, 2, 2, false);

  /** One measured stage of one block: milliseconds per call (wall and CPU), before and after. */
  public record Stage(String block, String stage, double beforeMs, double afterMs, double beforeCpuMs, double afterCpuMs) {
    public double speedup() {
      return beforeMs / afterMs;
    }

    public double cpuSpeedup() {
      return beforeCpuMs / afterCpuMs;
    }
  }

  private TrainerOpsBench() {}

  /**
   * @param before a backend without convolution blocks (OpenBLAS)
   * @param after  a backend with them (oneDNN)
   */
  public static List<Stage> run(Backend before, Backend after, int batch, int reps, PrintStream out) {
    if (before.convolutionBlocks() != null || after.convolutionBlocks() == null) {
      throw new IllegalArgumentException("compare a backend without convolution blocks to one with them");
    }
    // The seed CNN on 28x28x1: (input side, channels, filters, pooled, input needs a gradient).
    int[][] blocks = {{28, 1, 32, 1, 0}, {13, 32, 64, 1, 1}, {5, 64, 64, 0, 1}};
    List<Stage> stages = new ArrayList<>();
    String b0 = before.name().split(" ")[0];
    out.printf(Locale.ROOT, "%-27s %-38s %10s %10s %7s | %8s %8s %7s%n", "block", "stage", b0, "oneDNN", "speedup",
        "CPU " + b0, "oneDNN", "speedup");
    for (int[] b : blocks) {
      String name = String.format(Locale.ROOT, "conv %dx%dx%d -> %d%s", b[0], b[0], b[1], b[2], b[3] == 1 ? " + pool" : "");
      Variants v = new Variants(batch, b[0], b[1], b[2], b[3] == 1, b[4] == 1);
      double[][] beforeTimes = new double[4][];
      double[][] afterTimes = new double[4][];
      // Both backends in every repetition: a busy minute slows both.
      Timer[] timers = new Timer[8];
      for (int i = 0; i < 8; i++) {
        timers[i] = new Timer(reps);
      }
      for (int rep = 0; rep < reps + 3; rep++) {
        boolean record = rep >= 3; // warm-up: JIT, oneDNN's kernel generation
        for (int variant = 0; variant < 4; variant++) {
          timers[variant].run(v, before, variant, record);
          timers[4 + variant].run(v, after, variant, record);
        }
      }
      for (int variant = 0; variant < 4; variant++) {
        beforeTimes[variant] = timers[variant].medians();
        afterTimes[variant] = timers[4 + variant].medians();
      }
      // variant 0: full block as in the model; 1: without pooling; 2: without the input gradient; 3: both off
      // [variant][0 forward, 1 backward, 2 forward CPU, 3 backward CPU]
      double[][] bt = beforeTimes;
      double[][] at = afterTimes;
      add(stages, out, name, "convolution + bias + ReLU, forward", bt, at, 1, 0, -1, -1);
      if (v.pooled) {
        // Only the op-by-op side: in a fused block pooling also saves the heap copies of the
        // unpooled output, so the difference means nothing there (ONEDNN_VERBOSE=profile_exec
        // times oneDNN's pooling primitives).
        stages.add(print(out, new Stage(name, "max pooling, forward + backward",
            bt[0][0] - bt[1][0] + bt[0][1] - bt[1][1], Double.NaN, bt[0][2] - bt[1][2] + bt[0][3] - bt[1][3], Double.NaN)));
      }
      add(stages, out, name, "ReLU mask, bias and kernel gradients", bt, at, 3, 1, -1, -1);
      if (v.inputGradient) {
        add(stages, out, name, "input gradient (backward data)", bt, at, 1, 1, 3, 1);
      }
      stages.add(print(out, new Stage(name, "whole block, forward + backward",
          bt[0][0] + bt[0][1], at[0][0] + at[0][1], bt[0][2] + bt[0][3], at[0][2] + at[0][3])));
    }
    return stages;
  }

  /** The stage measured as variant {@code v}'s pass {@code pass} minus variant {@code minus}'s (when not -1). */
  private static void add(
      List<Stage> stages, PrintStream out, String block, String stage, double[][] before, double[][] after,
      int v, int pass, int minus, int minusPass) {
    stages.add(print(out, new Stage(block, stage,
        difference(before, v, pass, minus, minusPass), difference(after, v, pass, minus, minusPass),
        difference(before, v, pass + 2, minus, minusPass + 2), difference(after, v, pass + 2, minus, minusPass + 2))));
  }

  private static double difference(double[][] times, int v, int pass, int minus, int minusPass) {
    return minus < 0 ? times[v][pass] : times[v][pass] - times[minus][minusPass];
  }

  private static Stage print(PrintStream out, Stage s) {
    if (Double.isNaN(s.afterMs())) { // a stage inside the fused block, not timed apart
      out.printf(Locale.ROOT, "%-27s %-38s %7.3f ms %10s %7s | %8.3f %8s %7s%n", s.block(), s.stage(),
          s.beforeMs(), "in block", "", s.beforeCpuMs(), "in block", "");
    } else {
      out.printf(Locale.ROOT, "%-27s %-38s %7.3f ms %7.3f ms %6.2fx | %8.3f %8.3f %6.2fx%n", s.block(), s.stage(),
          s.beforeMs(), s.afterMs(), s.speedup(), s.beforeCpuMs(), s.afterCpuMs(), s.cpuSpeedup());
    }
    return s;
  }

  /** The inputs of one block, and its four variants. */
  private static final class Variants {
    final boolean pooled;
    final boolean inputGradient;
    final float[] x;
    final float[] kernel;
    final float[] bias;
    final int[] xShape;
    final int[] kernelShape;

    Variants(int batch, int side, int channels, int filters, boolean pooled, boolean inputGradient) {
      this.pooled = pooled;
      this.inputGradient = inputGradient;
      SplittableRandom random = new SplittableRandom(side * 31L + channels);
      xShape = new int[] {batch, side, side, channels};
      kernelShape = new int[] {3, 3, channels, filters};
      x = random(random, Tensor.sizeOf(xShape), 1);
      kernel = random(random, Tensor.sizeOf(kernelShape), 0.3);
      bias = random(random, filters, 0.1);
    }

    /** The variant's output; its inputs are fresh tensors over the same values. */
    Tensor forward(Backend backend, int variant) {
      boolean pool = pooled && (variant == 0 || variant == 2);
      boolean dx = inputGradient && variant < 2;
      Tensor input = dx ? Tensor.variable(x, xShape) : Tensor.of(x, xShape);
      Tensor k = Tensor.variable(kernel, kernelShape);
      Tensor b = Tensor.variable(bias, bias.length);
      if (backend.convolutionBlocks() != null) {
        return FusedConvolution.apply(backend, input, k, b, 1, 1, false, true, pool ? POOL : null, true);
      }
      Tensor y = BiasRelu.apply(backend, Conv2D.apply(backend, input, k, 1, 1, false), b);
      return pool ? MaxPool2D.apply(backend, y, 2, 2, 2, 2, false) : y;
    }
  }

  /** Forward and backward times (wall and CPU) of one variant on one backend. */
  private static final class Timer {
    final double[] forward;
    final double[] backward;
    final double[] forwardCpu;
    final double[] backwardCpu;
    int count;

    Timer(int reps) {
      forward = new double[reps];
      backward = new double[reps];
      forwardCpu = new double[reps];
      backwardCpu = new double[reps];
    }

    void run(Variants v, Backend backend, int variant, boolean record) {
      try (Workspace workspace = Workspace.open()) {
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        Tensor y = v.forward(backend, variant);
        long forwardEnd = System.nanoTime();
        long cpuForwardEnd = processCpuNanos();
        float[] upstream = new float[y.size()];
        Arrays.fill(upstream, 1e-3f);
        Tensor loss = Tensor.result(new float[] {0f}, new int[0], g -> {
          float[] dy = y.gradBuffer();
          System.arraycopy(upstream, 0, dy, 0, dy.length);
        }, y);
        long cpuBackwardStart = processCpuNanos();
        long backwardStart = System.nanoTime();
        loss.backward();
        long end = System.nanoTime();
        long cpuEnd = processCpuNanos();
        if (record) {
          forward[count] = (forwardEnd - start) / 1e6;
          backward[count] = (end - backwardStart) / 1e6;
          forwardCpu[count] = (cpuForwardEnd - cpuStart) / 1e6;
          backwardCpu[count] = (cpuEnd - cpuBackwardStart) / 1e6;
          count++;
        }
      }
    }

    double[] medians() {
      return new double[] {
          median(forward, count), median(backward, count), median(forwardCpu, count), median(backwardCpu, count)};
    }
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

  /**
   * CPU time of every Java thread, in nanoseconds (the fork-join workers run the Java loops; with
   * one BLAS and one OpenMP thread the native kernels run on the calling thread). Summed per thread
   * because the process's own CPU clock ticks in 10 ms steps here.
   */
  static long processCpuNanos() {
    long total = 0;
    for (long cpu : THREADS.getThreadCpuTime(THREADS.getAllThreadIds())) {
      total += Math.max(0, cpu);
    }
    return total;
  }

  private static double median(double[] values, int n) {
    double[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static float[] random(SplittableRandom random, int n, double scale) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
    }
    return values;
  }
}
