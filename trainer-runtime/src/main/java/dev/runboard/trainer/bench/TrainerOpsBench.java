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
 * + ReLU and max pooling) against a backend's fused convolution blocks (oneDNN). Stages that run
 * inside one fused call are timed as differences: pooling as the block with pooling minus the
 * block without, the input gradient as the backward pass with it minus the one without. Medians.
 */
public final class TrainerOpsBench {
  private static final PoolWindow POOL = new PoolWindow(2, 2, 2, 2, false);

  /** One measured stage of one block: milliseconds per call, before and after. */
  public record Stage(String block, String stage, double beforeMs, double afterMs) {
    public double speedup() {
      return beforeMs / afterMs;
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
    out.printf(Locale.ROOT, "%-28s %-44s %10s %10s %8s%n", "block", "stage", before.name().split(" ")[0], "oneDNN", "speedup");
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
      add(stages, out, name, "convolution + bias + ReLU, forward", beforeTimes[1][0], afterTimes[1][0]);
      if (v.pooled) {
        add(stages, out, name, "max pooling, forward", beforeTimes[0][0] - beforeTimes[1][0], afterTimes[0][0] - afterTimes[1][0]);
        add(stages, out, name, "max pooling, backward", beforeTimes[0][1] - beforeTimes[1][1], afterTimes[0][1] - afterTimes[1][1]);
      }
      add(stages, out, name, "ReLU mask + bias and kernel gradient", beforeTimes[3][1], afterTimes[3][1]);
      if (v.inputGradient) {
        add(stages, out, name, "input gradient (backward data)", beforeTimes[1][1] - beforeTimes[3][1], afterTimes[1][1] - afterTimes[3][1]);
      }
      add(stages, out, name, "whole block, forward + backward", beforeTimes[0][0] + beforeTimes[0][1],
          afterTimes[0][0] + afterTimes[0][1]);
    }
    return stages;
  }

  private static void add(List<Stage> stages, PrintStream out, String block, String stage, double before, double after) {
    Stage s = new Stage(block, stage, before, after);
    stages.add(s);
    out.printf(Locale.ROOT, "%-28s %-44s %7.3f ms %7.3f ms %7.2fx%n", block, stage, before, after, s.speedup());
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

  /** Forward and backward times of one variant on one backend. */
  private static final class Timer {
    final double[] forward;
    final double[] backward;
    int count;

    Timer(int reps) {
      forward = new double[reps];
      backward = new double[reps];
    }

    void run(Variants v, Backend backend, int variant, boolean record) {
      try (Workspace workspace = Workspace.open()) {
        long start = System.nanoTime();
        Tensor y = v.forward(backend, variant);
        long forwardEnd = System.nanoTime();
        float[] upstream = new float[y.size()];
        Arrays.fill(upstream, 1e-3f);
        Tensor loss = Tensor.result(new float[] {0f}, new int[0], g -> {
          float[] dy = y.gradBuffer();
          System.arraycopy(upstream, 0, dy, 0, dy.length);
        }, y);
        long backwardStart = System.nanoTime();
        loss.backward();
        long end = System.nanoTime();
        if (record) {
          forward[count] = (forwardEnd - start) / 1e6;
          backward[count] = (end - backwardStart) / 1e6;
          count++;
        }
      }
    }

    double[] medians() {
      return new double[] {median(forward, count), median(backward, count)};
    }
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
