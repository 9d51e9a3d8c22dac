package dev.runboard.trainer.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * CUDA backend. The first tests run everywhere; the equivalence tests need a CUDA device and are
 * skipped (JUnit assumption) without one, so CI, which has no GPU, does not count them: they are
 * the GPU proof, run on a GPU machine (see {@link CudaGpuCheck} and docs/PERFORMANCE.md).
 */
class CudaBackendTest {
  private static boolean cudaAvailable() {
    try {
      Backends.cuda();
      return true;
    } catch (CudaUnavailableException e) {
      return false;
    }
  }

  @Test
  void askingForCudaWithoutAGpuSaysWhyInsteadOfFallingBack() {
    assumeTrue(!cudaAvailable(), "this machine has a usable GPU");
    assertThatThrownBy(() -> Backends.named("cuda"))
        .isInstanceOf(CudaUnavailableException.class)
        .hasMessageStartingWith("CUDA backend unavailable: ")
        .hasMessageMatching("(?s).*(could not be loaded|cudaGetDeviceCount failed|no CUDA device).*");
  }

  @Test
  void theBackendPropertyChoosesTheBackend() {
    String previous = System.getProperty("runboard.backend");
    try {
      System.setProperty("runboard.backend", "cpu");
      assertThat(Backends.selected()).isSameAs(Backends.cpu());
      System.setProperty("runboard.backend", "tpu");
      assertThatThrownBy(Backends::selected)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("unknown backend 'tpu'");
      if (!cudaAvailable()) {
        System.setProperty("runboard.backend", "CUDA");
        assertThatThrownBy(Backends::selected).isInstanceOf(CudaUnavailableException.class);
      }
    } finally {
      if (previous == null) {
        System.clearProperty("runboard.backend");
      } else {
        System.setProperty("runboard.backend", previous);
      }
    }
  }

  @Test
  void gemmMatchesPureJavaInAllTransposeCombinations() {
    assumeTrue(cudaAvailable(), "no CUDA device: GPU-only check");
    JavaBackend java = new JavaBackend(ForkJoinPool.commonPool());
    for (int t = 0; t < 4; t++) {
      double error = CudaGpuCheck.gemmError(java, Backends.cuda(), (t & 1) != 0, (t & 2) != 0, 67, 45, 131);
      assertThat(error).as("transpose combination %d", t).isLessThan(1e-4);
    }
  }

  @Test
  void convolutionMatchesPureJava() {
    assumeTrue(cudaAvailable(), "no CUDA device: GPU-only check");
    JavaBackend java = new JavaBackend(ForkJoinPool.commonPool());
    double[] errors =
        CudaGpuCheck.convolutionErrors(java, Backends.cuda(), ConvGeometry.of(3, 9, 10, 2, 3, 3, 2, 1, true), 8);
    for (double error : errors) {
      assertThat(error).isLessThan(1e-4);
    }
  }

  @Test
  void seedCnnLossesMatchTheCpu() throws InterruptedException {
    assumeTrue(cudaAvailable(), "no CUDA device: GPU-only check");
    List<Double> cpu = CudaGpuCheck.trainLosses(Backends.cpu(), 3);
    List<Double> cuda = CudaGpuCheck.trainLosses(Backends.cuda(), 3);
    assertThat(cuda).hasSameSizeAs(cpu);
    for (int i = 0; i < cpu.size(); i++) {
      assertThat(cuda.get(i)).isCloseTo(cpu.get(i), org.assertj.core.data.Percentage.withPercentage(0.01));
    }
  }
}
