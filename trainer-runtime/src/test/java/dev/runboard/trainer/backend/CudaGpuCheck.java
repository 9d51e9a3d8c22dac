package dev.runboard.trainer.backend;

import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_N;
import static org.bytedeco.cuda.global.cublas.cublasCreate_v2;
import static org.bytedeco.cuda.global.cublas.cublasDestroy_v2;
import static org.bytedeco.cuda.global.cublas.cublasSgemm_v2;
import static org.bytedeco.cuda.global.cudart.cudaDeviceSynchronize;
import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;
import static org.bytedeco.cuda.global.cudart.cudaMemset;

import dev.runboard.trainer.bench.TrainerBench;
import dev.runboard.trainer.callbacks.Callback;
import dev.runboard.trainer.model.FitOptions;
import dev.runboard.trainer.model.SeedModels;
import dev.runboard.trainer.model.Sequential;
import dev.runboard.trainer.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The GPU proof, run by hand on a machine with CUDA (docs/PERFORMANCE.md, "Trainer on a GPU"):
 * GEMM and convolution equivalence of {@link CudaBackend} against {@link JavaBackend}, a few seed
 * CNN training steps on CPU vs CUDA with equal seeds, throughput of both, and cuBLAS's own sgemm
 * rate with device-resident operands. Exits 1 if an equivalence check fails, 2 without CUDA.
 *
 * <p>{@code --dry-run-without-gpu} puts a second pure-Java backend where CUDA would be, so that the
 * command line and classpath can be tried on a machine without a GPU before device time is spent.
 */
public final class CudaGpuCheck {
  private CudaGpuCheck() {}

  public static void main(String[] args) throws Exception {
    ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    boolean dryRun = args.length > 0 && args[0].equals("--dry-run-without-gpu");
    Backend cuda;
    try {
      cuda = dryRun ? new JavaBackend(pool) : Backends.cuda();
    } catch (CudaUnavailableException e) {
      System.out.println("NO CUDA: " + e.getMessage());
      System.exit(2);
      return;
    }
    JavaBackend java = new JavaBackend(pool);
    Backend cpu = Backends.cpu();
    System.out.println("device: " + (dryRun ? "none (dry run: pure Java in place of CUDA)" : ((CudaBackend) cuda).deviceName()));
    System.out.println("cpu backend: " + cpu.name() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
    boolean ok = true;

    // GEMM: all four transpose combinations, odd sizes, offsets, alpha/beta.
    int[][] sizes = {{37, 53, 129}, {257, 131, 509}, {1, 7, 3}, {1031, 67, 289}};
    for (int[] size : sizes) {
      for (int t = 0; t < 4; t++) {
        boolean ta = (t & 1) != 0;
        boolean tb = (t & 2) != 0;
        double error = gemmError(java, cuda, ta, tb, size[0], size[1], size[2]);
        boolean pass = error < 1e-4;
        ok &= pass;
        System.out.printf(Locale.ROOT, "gemm transA=%-5b transB=%-5b %dx%dx%d: max abs error %.3g (relative to |C|max) %s%n",
            ta, tb, size[0], size[1], size[2], error, pass ? "ok" : "FAIL");
      }
    }

    // Convolution forward and backward, same and valid padding, strides 1 and 2.
    ConvGeometry[] geometries = {
      ConvGeometry.of(8, 13, 11, 3, 3, 3, 1, 1, true),
      ConvGeometry.of(5, 28, 28, 1, 3, 3, 1, 1, false),
      ConvGeometry.of(4, 15, 17, 6, 5, 3, 2, 2, true),
    };
    for (ConvGeometry g : geometries) {
      double[] errors = convolutionErrors(java, cuda, g, 16);
      boolean pass = errors[0] < 1e-4 && errors[1] < 1e-4 && errors[2] < 1e-4;
      ok &= pass;
      System.out.printf(Locale.ROOT, "conv %s: relative max error out %.3g, kernel grad %.3g, input grad %.3g %s%n",
          g, errors[0], errors[1], errors[2], pass ? "ok" : "FAIL");
    }

    // Seed CNN training steps, equal seeds and data: per-batch losses of CPU vs CUDA. The yardstick
    // for float rounding is how far the two CPU backends (OpenBLAS, pure Java) drift apart.
    List<Double> cpuLosses = trainLosses(cpu, 20);
    List<Double> cudaLosses = trainLosses(cuda, 20);
    List<Double> javaLosses = trainLosses(java, 20);
    double[] cudaDrift = drift(cpuLosses, cudaLosses);
    double[] javaDrift = drift(cpuLosses, javaLosses);
    boolean lossesAgree = cpuLosses.size() == cudaLosses.size() && cudaDrift[0] < 1e-5 && cudaDrift[1] < 1e-3;
    ok &= lossesAgree;
    System.out.printf(Locale.ROOT, "seed CNN 20 steps, batch 64, 28x28x1 seeded random data: loss step 1 cpu %.7f cuda %.7f, step 20 cpu %.7f cuda %.7f%n",
        cpuLosses.get(0), cudaLosses.get(0), cpuLosses.get(cpuLosses.size() - 1), cudaLosses.get(cudaLosses.size() - 1));
    System.out.printf(Locale.ROOT, "loss relative difference cuda vs OpenBLAS: step 1 %.3g, worst of 20 %.3g; yardstick pure Java vs OpenBLAS: step 1 %.3g, worst of 20 %.3g %s%n",
        cudaDrift[0], cudaDrift[1], javaDrift[0], javaDrift[1], lossesAgree ? "ok" : "FAIL");

    // Throughput: the trainer bench on each backend (CUDA's "sgemm" there includes the copies).
    TrainerBench.Settings settings =
        dryRun ? new TrainerBench.Settings(256, 28, 28, 1, 64, 2, 3) : new TrainerBench.Settings(2048, 28, 28, 1, 64, 20, 100);
    System.out.println("-- bench on CPU");
    TrainerBench.Result onCpu = TrainerBench.run(settings, cpu, System.out);
    System.out.println("-- bench on CUDA");
    TrainerBench.Result onCuda = TrainerBench.run(settings, cuda, System.out);
    System.out.printf(Locale.ROOT, "images_per_s cpu=%.0f cuda=%.0f cuda/cpu=%.2f; sgemm 2048^3 with host copies: cpu %.1f cuda %.1f GFLOP/s%n",
        onCpu.imagesPerSecond(), onCuda.imagesPerSecond(), onCuda.imagesPerSecond() / onCpu.imagesPerSecond(),
        onCpu.sgemmGflops(), onCuda.sgemmGflops());
    if (!dryRun) {
      for (int n : new int[] {4096, 8192}) {
        System.out.printf(Locale.ROOT, "cublasSgemm %d^3 device-resident, warm, fp32 default math: %.0f GFLOP/s%n", n, deviceSgemmGflops(n));
      }
      ((CudaBackend) cuda).close();
    }
    System.out.println(ok ? "CUDA CHECK PASSED" : "CUDA CHECK FAILED");
    System.exit(ok ? 0 : 1);
  }

  static double gemmError(Backend reference, Backend tested, boolean ta, boolean tb, int m, int n, int k) {
    SplittableRandom random = new SplittableRandom(m * 31L + n * 7L + k + (ta ? 1 : 0) + (tb ? 2 : 0));
    int aOffset = 3;
    int bOffset = 5;
    int cOffset = 7;
    float[] a = randoms(random, aOffset + m * k);
    float[] b = randoms(random, bOffset + k * n);
    float[] c0 = randoms(random, cOffset + m * n + 2);
    float[] expected = c0.clone();
    float[] actual = c0.clone();
    reference.gemm(ta, tb, m, n, k, 0.75f, a, aOffset, b, bOffset, 0.5f, expected, cOffset);
    tested.gemm(ta, tb, m, n, k, 0.75f, a, aOffset, b, bOffset, 0.5f, actual, cOffset);
    return relativeMaxError(expected, actual);
  }

  /** {out, kernel gradient, input gradient} relative max errors of {@code tested} against {@code reference}. */
  static double[] convolutionErrors(Backend reference, Backend tested, ConvGeometry g, int filters) {
    SplittableRandom random = new SplittableRandom(g.hashCode());
    float[] input = randoms(random, g.inputSize());
    float[] kernel = randoms(random, g.patchSize() * filters);
    float[] grad = randoms(random, g.outputPixels() * filters);
    float[][] expected = convolution(reference, g, input, kernel, grad, filters);
    float[][] actual = convolution(tested, g, input, kernel, grad, filters);
    return new double[] {
      relativeMaxError(expected[0], actual[0]),
      relativeMaxError(expected[1], actual[1]),
      relativeMaxError(expected[2], actual[2])
    };
  }

  private static float[][] convolution(Backend backend, ConvGeometry g, float[] input, float[] kernel, float[] grad, int filters) {
    float[] out = new float[g.outputPixels() * filters];
    float[] kernelGradient = new float[kernel.length];
    java.util.Arrays.fill(kernelGradient, 0.25f); // backward adds into it
    float[] inputGradient = new float[input.length];
    try (Patches patches = backend.convolutionForward(input, g, kernel, filters, out)) {
      backend.convolutionBackward(patches, g, grad, kernel, filters, kernelGradient, inputGradient);
    }
    return new float[][] {out, kernelGradient, inputGradient};
  }

  /** {relative difference at the first step, worst relative difference over all steps}. */
  static double[] drift(List<Double> reference, List<Double> other) {
    double worst = 0;
    int n = Math.min(reference.size(), other.size());
    for (int i = 0; i < n; i++) {
      worst = Math.max(worst, Math.abs(reference.get(i) - other.get(i)) / Math.abs(reference.get(i)));
    }
    return new double[] {Math.abs(reference.get(0) - other.get(0)) / Math.abs(reference.get(0)), worst};
  }

  static List<Double> trainLosses(Backend backend, int steps) throws InterruptedException {
    int batch = 64;
    int examples = batch * steps;
    SplittableRandom random = new SplittableRandom(11);
    float[] pixels = new float[examples * 28 * 28];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextDouble();
    }
    float[] labels = new float[examples];
    for (int i = 0; i < examples; i++) {
      labels[i] = random.nextInt(10);
    }
    Sequential model = SeedModels.seedCnn(28, 28, 1, 10).backend(backend).initializerSeed(7);
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    List<Double> losses = new ArrayList<>();
    Callback recorder = new Callback() {
      @Override
      public void onTrainBatchEnd(int batchIndex, Map<String, Double> logs) {
        losses.add(logs.get("loss"));
      }
    };
    model.fit(Tensor.of(pixels, examples, 28, 28, 1), Tensor.of(labels, examples),
        FitOptions.fit().epochs(1).batchSize(batch).seed(3).verbose(0).callbacks(recorder));
    return losses;
  }

  /** cuBLAS alone: operands already on the device, one warm-up, best of five. */
  static double deviceSgemmGflops(int n) {
    cublasContext handle = new cublasContext();
    CudaBackend.checkBlas(cublasCreate_v2(handle), "cublasCreate");
    long bytes = (long) n * n * Float.BYTES;
    FloatPointer[] buffers = new FloatPointer[3];
    for (int i = 0; i < 3; i++) {
      Pointer raw = new Pointer();
      CudaBackend.check(cudaMalloc(raw, bytes), "cudaMalloc");
      buffers[i] = new FloatPointer(raw);
      // 1.0 bit pattern would need a kernel; a byte pattern of 0x3c gives 0.0115, a finite float.
      CudaBackend.check(cudaMemset(buffers[i], 0x3c, bytes), "cudaMemset");
    }
    FloatPointer alpha = new FloatPointer(1f);
    FloatPointer beta = new FloatPointer(0f);
    double best = 0;
    for (int rep = 0; rep < 6; rep++) {
      long start = System.nanoTime();
      CudaBackend.checkBlas(cublasSgemm_v2(handle, CUBLAS_OP_N, CUBLAS_OP_N, n, n, n, alpha,
          buffers[0], n, buffers[1], n, beta, buffers[2], n), "cublasSgemm");
      CudaBackend.check(cudaDeviceSynchronize(), "cudaDeviceSynchronize");
      double seconds = (System.nanoTime() - start) / 1e9;
      if (rep > 0) {
        best = Math.max(best, 2.0 * n * n * n / seconds / 1e9);
      }
    }
    for (FloatPointer buffer : buffers) {
      CudaBackend.check(cudaFree(buffer), "cudaFree");
    }
    CudaBackend.checkBlas(cublasDestroy_v2(handle), "cublasDestroy");
    return best;
  }

  static float[] randoms(SplittableRandom random, int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return values;
  }

  /** Max absolute difference divided by the largest magnitude in {@code expected}. */
  static double relativeMaxError(float[] expected, float[] actual) {
    double scale = 1e-30;
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
    }
    return worst / scale;
  }
}
