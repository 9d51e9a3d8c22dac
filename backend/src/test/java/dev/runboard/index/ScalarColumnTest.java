package dev.runboard.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScalarColumnTest {
  private static ScalarColumn column() {
    return new ScalarColumn("run", "loss", "scalars", 0);
  }

  private static long[] readSteps(ScalarColumn c) {
    int n = (int) c.count();
    long[] s = new long[n];
    c.scan(0, n, (steps, walls, values, k, first) -> System.arraycopy(steps, 0, s, (int) first, k));
    return s;
  }

  private static double[][] readAll(ScalarColumn c) {
    int n = (int) c.count();
    long[] s = new long[n];
    double[] w = new double[n];
    double[] v = new double[n];
    c.scan(0, n, (steps, walls, values, k, first) -> {
      for (int i = 0; i < k; i++) {
        s[(int) first + i] = steps[i];
        w[(int) first + i] = walls[i];
        v[(int) first + i] = values[i];
      }
    });
    double[] sd = new double[n];
    for (int i = 0; i < n; i++) {
      sd[i] = s[i];
    }
    return new double[][] {sd, w, v};
  }

  @Test
  void keepsEveryPointExactlyWhateverTheEncoding() {
    Random random = new Random(7);
    ScalarColumn c = column();
    int n = 3 * ScalarChunk.CAPACITY + 123;
    long[] steps = new long[n];
    double[] walls = new double[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      // Arithmetic steps at first, then irregular, then huge; float values, then doubles, NaN, inf.
      steps[i] = i < 5000 ? 10L * i : i < 9000 ? i * 7L + random.nextInt(3) : Long.MAX_VALUE - n + i;
      walls[i] = 1.7e9 + i * 0.123456789;
      values[i] = i % 1000 == 0 ? Double.NaN : i % 777 == 0 ? Double.NEGATIVE_INFINITY
          : i < 6000 ? (float) random.nextGaussian() : random.nextGaussian();
    }
    for (int at = 0; at < n; at += 1000) {
      int k = Math.min(1000, n - at);
      int[] rows = new int[k];
      for (int i = 0; i < k; i++) {
        rows[i] = at + i;
      }
      c.append(steps, walls, values, rows, k);
    }
    double[][] back = readAll(c);
    long[] backSteps = readSteps(c);
    for (int i = 0; i < n; i++) {
      assertThat(backSteps[i]).as("step %d", i).isEqualTo(steps[i]);
      assertThat(back[1][i]).isEqualTo(walls[i]);
      assertThat(Double.doubleToLongBits(back[2][i])).as("value %d", i)
          .isEqualTo(Double.doubleToLongBits(values[i]));
    }
    assertThat(c.count()).isEqualTo(n);
    assertThat(c.stats().minStep()).isEqualTo(0);
    assertThat(c.stats().stepsSorted()).isFalse();
  }

  @Test
  void typicalPointsCostFarLessThanThreeDoubles() {
    ScalarColumn c = column();
    int n = 100_000;
    long[] steps = new long[n];
    double[] walls = new double[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      steps[i] = i;
      walls[i] = 1.7e9 + i * 0.01;
      values[i] = (float) Math.exp(-i / 1e4);
    }
    c.append(steps, walls, values, null, n);
    c.trim();
    double perPoint = (double) c.residentBytes() / n;
    assertThat(perPoint).isLessThan(12.5).isGreaterThan(11.9);
    assertThat(c.stats().stepsSorted()).isTrue();
  }

  @Test
  void evictionKeepsCountStatisticsAndVersion() {
    ScalarColumn c = column();
    c.append(new long[] {1, 2, 3}, new double[] {10, 11, 12}, new double[] {0.5, 0.25, 0.125}, null, 3);
    long version = c.version();
    assertThat(c.evict()).isPositive();
    assertThat(c.isResident()).isFalse();
    assertThat(c.residentBytes()).isZero();
    assertThat(c.scan(0, 3, (s, w, v, k, f) -> {})).isEqualTo(-1);
    c.append(new long[] {4}, new double[] {13}, new double[] {1}, null, 1);
    assertThat(c.count()).isEqualTo(4);
    assertThat(c.version()).isGreaterThan(version);
    assertThat(c.stats().maxStep()).isEqualTo(4);
  }

  @Test
  void binarySearchFindsRangesInSortedColumns() {
    ScalarColumn c = column();
    int n = 10_000;
    long[] steps = new long[n];
    double[] walls = new double[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      steps[i] = 2L * i;
      walls[i] = 100 + i;
    }
    c.append(steps, walls, values, null, n);
    assertThat(c.firstIndexAtStep(0)).isZero();
    assertThat(c.firstIndexAtStep(9001)).isEqualTo(4501);
    assertThat(c.firstIndexAtStep(1e9)).isEqualTo(n);
    assertThat(c.firstIndexAtWall(150.5)).isEqualTo(51);
  }

  @Test
  void versionsGrowAcrossGenerations() {
    long v1 = Series.versionOf(0, 1_000_000);
    long v2 = Series.versionOf(1, 0);
    assertThat(v2).isGreaterThan(v1);
    assertThat(Series.countOf(Series.versionOf(3, 42))).isEqualTo(42);
    assertThat(Series.generationOf(Series.versionOf(3, 42))).isEqualTo(3);
  }
}
