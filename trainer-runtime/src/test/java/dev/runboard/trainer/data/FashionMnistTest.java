package dev.runboard.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
  @Test
  void emptyDirectoryIsNotAnInstallation(@TempDir Path dir) {
    assertThat(FashionMnist.isInstalled(dir)).isFalse();
    assertThat(FashionMnist.isInstalled(dir.resolve("missing"))).isFalse();
    assertThatThrownBy(() -> FashionMnist.load(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not found in " + dir);
  }

  @Test
  void loadsTheDebianDataset() throws IOException {
    assumeTrue(FashionMnist.isInstalled(), "Fashion-MNIST is not installed");
    TrainTestData data = FashionMnist.load();
    assertThat(data.name()).isEqualTo("Fashion-MNIST");
    assertThat(data.train().size()).isEqualTo(60_000);
    assertThat(data.test().size()).isEqualTo(10_000);
    assertThat(data.train().featureCount()).isEqualTo(784);
    int[] perClass = new int[10];
    float max = 0;
    for (int i = 0; i < data.test().size(); i++) {
      perClass[data.test().label(i)]++;
      for (int f = 0; f < 784; f++) {
        max = Math.max(max, data.test().feature(i, f));
      }
    }
    assertThat(perClass).containsOnly(1000); // the test set is balanced
    assertThat(max).isEqualTo(1f);
  }
}
