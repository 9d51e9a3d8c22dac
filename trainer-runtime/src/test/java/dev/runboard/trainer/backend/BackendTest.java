package dev.runboard.trainer.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class BackendTest {
  @Test
  void theDefaultCpuBackendIsOneDnnOverOpenBlas() {
    // The natives ship with the build; if this fails, training silently runs 2x to 10x slower.
    assertThat(Backends.openBlas().name()).isEqualTo("OpenBLAS");
    assertThat(Backends.cpu().name()).matches("oneDNN \\d+\\.\\d+\\.\\d+ convolutions \\+ OpenBLAS");
    assertThat(Backends.cpu().convolutionBlocks()).isNotNull();
    assertThat(Backends.named("openblas")).isSameAs(Backends.openBlas());
    assertThat(Backends.named("java").name()).isEqualTo("pure Java (no BLAS)");
  }

  @Test
  void openBlasGemmAgreesWithTheJavaReferenceForEveryTransposeAndOffset() {
    Backend blas = Backends.openBlas();
    Backend java = new JavaBackend(new ForkJoinPool(2));
    SplittableRandom random = new SplittableRandom(5);
    int m = 37;
    int n = 19;
    int k = 53;
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        float[] a = random(random, 3 + m * k);
        float[] b = random(random, 5 + k * n);
        float[] c0 = random(random, 2 + m * n);
        float[] c1 = c0.clone();
        float[] c2 = c0.clone();
        blas.gemm(ta, tb, m, n, k, 0.5f, a, 3, b, 5, 2f, c1, 2);
        java.gemm(ta, tb, m, n, k, 0.5f, a, 3, b, 5, 2f, c2, 2);
        // Naive triple loop in double: the ground truth for both.
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int p = 0; p < k; p++) {
              double av = ta ? a[3 + p * m + i] : a[3 + i * k + p];
              double bv = tb ? b[5 + j * k + p] : b[5 + p * n + j];
              sum += av * bv;
            }
            double expected = 0.5 * sum + 2 * c0[2 + i * n + j];
            assertThat((double) c1[2 + i * n + j]).as("blas %s %s", ta, tb).isCloseTo(expected, within(1e-3));
            assertThat((double) c2[2 + i * n + j]).as("java %s %s", ta, tb).isCloseTo(expected, within(1e-3));
          }
        }
        assertThat(c1[0]).isEqualTo(c0[0]);
        assertThat(c1[1]).isEqualTo(c0[1]);
      }
    }
  }

  @Test
  void im2colThenCol2imCountsHowOftenEachPixelIsUsed() {
    Backend backend = Backends.cpu();
    ConvGeometry g = ConvGeometry.of(2, 4, 5, 3, 3, 3, 1, 1, true);
    assertThat(g.outH()).isEqualTo(4);
    assertThat(g.outW()).isEqualTo(5);
    float[] ones = new float[g.inputSize()];
    java.util.Arrays.fill(ones, 1f);
    float[] columns = new float[g.outputPixels() * g.patchSize()];
    backend.im2col(ones, g, columns);
    float[] counts = new float[g.inputSize()];
    backend.col2im(columns, g, counts);
    // A corner pixel of a 3x3 "same" convolution is in 4 windows, an edge pixel in 6, inside 9.
    assertThat(counts[0]).isEqualTo(4f);
    assertThat(counts[3]).isEqualTo(6f); // (0,1)
    assertThat(counts[(1 * 5 + 1) * 3]).isEqualTo(9f);
  }

  @Test
  void openBlasNativeConvolutionAgreesWithTheHeapImplementation() {
    Backend blas = Backends.openBlas();
    Backend java = new JavaBackend(new ForkJoinPool(2));
    SplittableRandom random = new SplittableRandom(6);
    for (ConvGeometry g :
        new ConvGeometry[] {
          ConvGeometry.of(3, 7, 6, 4, 3, 3, 1, 1, false),
          ConvGeometry.of(2, 7, 6, 3, 3, 2, 2, 2, true),
          ConvGeometry.of(2, 5, 5, 3, 1, 1, 1, 1, false) // pointwise: no patch matrix at all
        }) {
      int filters = 5;
      float[] input = random(random, g.inputSize());
      float[] kernel = random(random, g.patchSize() * filters);
      float[] grad = random(random, g.outputPixels() * filters);
      float[][] results = new float[2][];
      float[][] kernelGrads = new float[2][];
      float[][] inputGrads = new float[2][];
      Backend[] backends = {blas, java};
      for (int b = 0; b < 2; b++) {
        results[b] = new float[g.outputPixels() * filters];
        kernelGrads[b] = new float[kernel.length];
        inputGrads[b] = new float[input.length];
        try (Patches patches = backends[b].convolutionForward(input, g, kernel, filters, results[b])) {
          backends[b].convolutionBackward(patches, g, grad, kernel, filters, kernelGrads[b], inputGrads[b]);
        }
      }
      assertClose(results[0], results[1]);
      assertClose(kernelGrads[0], kernelGrads[1]);
      assertClose(inputGrads[0], inputGrads[1]);
    }
  }

  private static void assertClose(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat((double) actual[i]).as("value %d", i).isCloseTo(expected[i], within(1e-4));
    }
  }

  private static float[] random(SplittableRandom random, int size) {
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return values;
  }
}
