package dev.runboard.benchlibtorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Runs only in the libtorch profile (./mvnw -P libtorch -pl bench-libtorch verify). */
class LibtorchSeedCnnBenchTest {
  @Test
  void trainsTheSeedCnnForAFewSteps() {
    LibtorchSeedCnnBench.Settings s =
        LibtorchSeedCnnBench.Settings.parse(new String[] {"--batch-size", "8", "--warmup-steps", "1", "--steps", "2"});
    assertThat(LibtorchSeedCnnBench.run(s)).isPositive();
    LibtorchSeedCnnBench.Settings cifar = LibtorchSeedCnnBench.Settings.parse(
        new String[] {"--input", "32x32x3", "--batch-size", "4", "--warmup-steps", "0", "--steps", "1", "--threads", "1"});
    assertThat(LibtorchSeedCnnBench.Settings.flatSize(32, 32)).isEqualTo(4 * 4 * 64);
    assertThat(LibtorchSeedCnnBench.run(cifar)).isPositive();
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> LibtorchSeedCnnBench.Settings.parse(new String[] {"--input", "28x28"}))
        .hasMessageContaining("28x28x1");
    assertThatThrownBy(() -> LibtorchSeedCnnBench.Settings.parse(new String[] {"--steps"}))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> LibtorchSeedCnnBench.Settings.parse(new String[] {"--input", "8x8x1"}))
        .hasMessageContaining("18x18");
  }
}
