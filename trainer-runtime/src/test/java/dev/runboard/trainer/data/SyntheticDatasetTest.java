package dev.runboard.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyntheticDatasetTest {
  @Test
  void hasFashionMnistShapeAndPixelRange() {
    TrainTestData data = SyntheticDataset.generate(500, 100, 3);
    assertThat(data.train().size()).isEqualTo(500);
    assertThat(data.test().size()).isEqualTo(100);
    assertThat(data.train().featureCount()).isEqualTo(784);
    assertThat(data.train().classCount()).isEqualTo(10);
    int[] perClass = new int[10];
    for (int i = 0; i < 500; i++) {
      perClass[data.train().label(i)]++;
      for (int f = 0; f < 784; f++) {
        assertThat(data.train().feature(i, f)).isBetween(0f, 1f);
      }
    }
    for (int count : perClass) {
      assertThat(count).isBetween(25, 75);
    }
  }

  @Test
  void sameSeedSameData() {
    TrainTestData a = SyntheticDataset.generate(50, 10, 9);
    TrainTestData b = SyntheticDataset.generate(50, 10, 9);
    TrainTestData c = SyntheticDataset.generate(50, 10, 10);
    boolean differs = false;
    for (int i = 0; i < 50; i++) {
      assertThat(a.train().label(i)).isEqualTo(b.train().label(i));
      for (int f = 0; f < 784; f++) {
        assertThat(a.train().feature(i, f)).isEqualTo(b.train().feature(i, f));
        differs |= a.train().feature(i, f) != c.train().feature(i, f);
      }
    }
    assertThat(differs).isTrue();
  }
}
