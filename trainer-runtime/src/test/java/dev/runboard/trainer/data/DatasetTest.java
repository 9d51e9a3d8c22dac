package dev.runboard.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DatasetTest {
  // Five examples of two features; example i has features (i, 10 + i) and label i % 3.
  private static Dataset five() {
    float[] features = new float[10];
    int[] labels = new int[5];
    for (int i = 0; i < 5; i++) {
      features[2 * i] = i;
      features[2 * i + 1] = 10 + i;
      labels[i] = i % 3;
    }
    return Dataset.of(features, labels, 2, 3);
  }

  @Test
  void copiesItsInputs() {
    float[] features = {1, 2};
    int[] labels = {1};
    Dataset data = Dataset.of(features, labels, 2, 2);
    features[0] = 99;
    labels[0] = 0;
    assertThat(data.feature(0, 0)).isEqualTo(1f);
    assertThat(data.label(0)).isEqualTo(1);
  }

  @Test
  void rejectsInconsistentShapes() {
    assertThatThrownBy(() -> Dataset.of(new float[5], new int[2], 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("features has 5 values");
    assertThatThrownBy(() -> Dataset.of(new float[2], new int[] {3}, 2, 3))
        .hasMessageContaining("label 3 of example 0 is outside [0, 3)");
  }

  @Test
  void splitsOffTheTailLikeKeras() {
    Dataset.Split split = five().split(0.3);
    // floor(5 * 0.7) = 3 examples stay for training.
    assertThat(split.first().size()).isEqualTo(3);
    assertThat(split.second().size()).isEqualTo(2);
    assertThat(split.second().feature(0, 1)).isEqualTo(13f);
    assertThat(split.second().label(1)).isEqualTo(1);
    assertThat(five().split(0).second().size()).isZero();
    assertThatThrownBy(() -> five().split(1.0)).hasMessageContaining("fraction must be in [0, 1)");
  }

  @Test
  void slices() {
    Dataset middle = five().slice(1, 4);
    assertThat(middle.size()).isEqualTo(3);
    assertThat(middle.feature(0, 0)).isEqualTo(1f);
    assertThat(middle.label(2)).isEqualTo(0);
  }

  @Test
  void shuffleIsADeterministicPermutation() {
    Dataset data = SyntheticDataset.generate(1000, 1, 1).train();
    int[] a = data.shuffledIndices(5);
    int[] b = data.shuffledIndices(5);
    int[] c = data.shuffledIndices(6);
    assertThat(a).containsExactly(b);
    assertThat(a).isNotEqualTo(c);
    int[] sorted = a.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertThat(sorted[i]).isEqualTo(i);
    }
  }

  @Test
  void copiesBatchesInTheGivenOrder() {
    float[] features = new float[6];
    int[] labels = new int[3];
    five().copyBatch(new int[] {4, 0, 2, 1}, 1, 2, features, labels);
    assertThat(Arrays.copyOf(features, 4)).containsExactly(0f, 10f, 2f, 12f);
    assertThat(Arrays.copyOf(labels, 2)).containsExactly(0, 2);
    five().copyRange(3, 2, features, labels);
    assertThat(Arrays.copyOf(features, 4)).containsExactly(3f, 13f, 4f, 14f);
  }
}
