package dev.runboard.trainer.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The oneDNN backend on the whole seed CNN (op-by-op parity is {@code FusedConvolutionTest}):
 * training follows the pure-Java reference step by step, and the kernels are the fast ones.
 */
class DnnlBackendTest {
  @Test
  void seedCnnTrainingFollowsThePureJavaReference() throws Exception {
    Backend dnnl = Backends.cpu();
    assertThat(dnnl).isInstanceOf(DnnlBackend.class);
    List<Double> reference = CudaGpuCheck.trainLosses(Backends.java(), 8);
    List<Double> losses = CudaGpuCheck.trainLosses(dnnl, 8);
    assertThat(losses).hasSameSizeAs(reference);
    for (int i = 0; i < losses.size(); i++) {
      // Only the summation order differs: 1e-5 after one step, growing slowly with Adam's steps.
      assertThat(Math.abs(losses.get(i) - reference.get(i)) / reference.get(i)).as("step %d", i).isLessThan(1e-4);
    }
    // Repeatable: the same run gives the same losses, bit for bit (what an exact resume relies on).
    assertThat(CudaGpuCheck.trainLosses(dnnl, 8)).isEqualTo(losses);
  }

  @Test
  void everyConvolutionOfTheSeedCnnRunsOnAJitKernel() {
    DnnlBackend dnnl = (DnnlBackend) Backends.cpu();
    List<String> first = dnnl.implementations(
        ConvGeometry.of(64, 28, 28, 1, 3, 3, 1, 1, false), 32, true, ConvGeometry.of(64, 26, 26, 32, 2, 2, 2, 2, false));
    List<String> last = dnnl.implementations(ConvGeometry.of(64, 5, 5, 64, 3, 3, 1, 1, false), 64, true, null);
    // oneDNN's reference kernels ("ref:") are 10-100x slower: a layout or shape mistake shows here.
    assertThat(first).isNotEmpty().noneMatch(name -> name.startsWith("ref"));
    assertThat(last).isNotEmpty().noneMatch(name -> name.startsWith("ref"));
  }
}
