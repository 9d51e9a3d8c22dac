package dev.runboard.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.eventlog.ScalarBatch;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TagPartitionTest {
  @Test
  void groupsEachTagsRowsInLoggedOrder() {
    Random random = new Random(3);
    int n = 10_000;
    List<String> tags = List.of("a", "b", "unused", "c");
    int[] tagIndices = new int[n];
    long[] steps = new long[n];
    double[] walls = new double[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      int t = random.nextInt(3);
      tagIndices[i] = t == 2 ? 3 : t;
      steps[i] = i;
      walls[i] = 1e9 + i;
      values[i] = random.nextDouble();
    }
    TagPartition p = TagPartition.of(new ScalarBatch(tags, tagIndices, steps, walls, values));
    assertThat(p.count(2)).isZero();
    int total = 0;
    for (int t = 0; t < tags.size(); t++) {
      long previous = -1;
      for (int k = p.start(t); k < p.start(t) + p.count(t); k++) {
        int row = p.rows()[k];
        assertThat(tagIndices[row]).isEqualTo(t);
        assertThat(row).isGreaterThan((int) previous);
        previous = row;
      }
      total += p.count(t);
    }
    assertThat(total).isEqualTo(n);
  }

  @Test
  void aBatchOfOneTagIsItsOwnPartition() {
    long[] steps = {1, 2, 3};
    ScalarBatch batch = new ScalarBatch(
        List.of("x", "y", "z"), new int[] {1, 1, 1}, steps, new double[3], new double[3]);
    TagPartition p = TagPartition.of(batch);
    assertThat(p.rows()).isNull();
    assertThat(new int[] {p.count(0), p.count(1), p.count(2)}).containsExactly(0, 3, 0);
    assertThat(p.start(1)).isZero();
  }

  @Test
  void tagsRepeatingWithAPeriodNeedNoRowList() {
    int n = 10 * 1000 + 7; // the last step logged only its first 7 tags
    List<String> tags = List.of("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "never");
    int[] order = {3, 1, 4, 0, 5, 9, 2, 6, 8, 7};
    int[] tagIndices = new int[n];
    for (int i = 0; i < n; i++) {
      tagIndices[i] = order[i % 10];
    }
    TagPartition p = TagPartition.of(new ScalarBatch(tags, tagIndices, new long[n], new double[n], new double[n]));
    assertThat(p.rows()).isNull();
    assertThat(p.stride()).isEqualTo(10);
    assertThat(p.count(10)).isZero();
    int total = 0;
    for (int t = 0; t < 10; t++) {
      for (int k = 0; k < p.count(t); k++) {
        assertThat(tagIndices[p.start(t) + k * p.stride()]).isEqualTo(t);
      }
      total += p.count(t);
    }
    assertThat(total).isEqualTo(n);
  }

  @Test
  void aPeriodBrokenAnywhereListsTheRows() {
    for (int broken : new int[] {0, 5, 9_999}) {
      int n = 10_000;
      int[] tagIndices = new int[n];
      for (int i = 0; i < n; i++) {
        tagIndices[i] = i % 4;
      }
      tagIndices[broken] = (tagIndices[broken] + 1) % 4;
      TagPartition p = TagPartition.of(
          new ScalarBatch(List.of("a", "b", "c", "d"), tagIndices, new long[n], new double[n], new double[n]));
      assertThat(p.rows()).as("broken at %d", broken).isNotNull();
      for (int t = 0; t < 4; t++) {
        for (int k = 0; k < p.count(t); k++) {
          assertThat(tagIndices[p.rows()[p.start(t) + k]]).isEqualTo(t);
        }
      }
    }
  }
}
