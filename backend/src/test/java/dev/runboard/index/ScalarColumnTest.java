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
      c.append(steps, walls, values, at, Math.min(1000, n - at));
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

  /**
   * Wall times of every kind read back bit for bit, whether they fit the int offsets or not: dense
   * and sparse, a jump mid-chunk, times before the chunk's first (a lower binade), zero and -0.0,
   * NaN with a payload, infinities, tiny and huge magnitudes; appended in blocks and one by one.
   */
  @Test
  void wallTimesReadBackBitForBitWhateverTheirSpacing() {
    Random random = new Random(21);
    int n = 5 * ScalarChunk.CAPACITY + 77;
    double[] walls = new double[n];
    double wall = 1.7e9;
    for (int i = 0; i < n; i++) {
      int segment = (i / 1500) % 7;
      wall = switch (segment) {
        case 0 -> wall + random.nextInt(100) * 0.001; // dense: offsets
        case 1 -> wall + random.nextDouble() * 600; // sparse: doubles
        // Just above 2^30 and, now and then, just below it, where the last digit is worth half:
        // such an offset from a first time above 2^30 is a fraction and must not be truncated.
        case 2 -> i % 50 == 0 ? 0x1p30 - (2 * random.nextInt(1000) + 1) * 0x1p-23 : 0x1p30 + 1 + (i % 1000) * 0.25;
        case 3 -> i % 97 == 0 ? Double.longBitsToDouble(0x7ff0000000000123L) : i % 89 == 0 ? -0.0 : wall + 1;
        case 4 -> i % 3 == 0 ? Double.POSITIVE_INFINITY : i % 3 == 1 ? 0.0 : 1e-300 * i;
        case 5 -> 1.7e9 + i * 0.01;
        default -> Math.scalb(random.nextDouble(), random.nextInt(2000) - 1000);
      };
      walls[i] = wall;
    }
    long[] steps = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      steps[i] = i;
      values[i] = (float) i;
    }
    ScalarColumn c = column();
    for (int at = 0; at < n; ) {
      int k = random.nextInt(4) == 0 ? 1 : 1 + random.nextInt(2_000);
      k = Math.min(k, n - at);
      c.append(steps, walls, values, at, k);
      at += k;
    }
    double[] back = readAll(c)[1];
    for (int i = 0; i < n; i++) {
      assertThat(Double.doubleToRawLongBits(back[i])).as("wall %d (%s)", i, walls[i])
          .isEqualTo(Double.doubleToRawLongBits(walls[i]));
    }
  }

  @Test
  void typicalPointsCostFarLessThanThreeDoubles() {
    // Logged 100 times a second, wall times fit int offsets: 8 bytes a point; every 30 s they do
    // not: 12 bytes. Either way every point reads back exactly.
    assertThat(bytesPerPoint(0.01)).isLessThan(8.5).isGreaterThan(7.9);
    assertThat(bytesPerPoint(30)).isLessThan(12.5).isGreaterThan(11.9);
  }

  private static double bytesPerPoint(double secondsApart) {
    ScalarColumn c = column();
    int n = 100_000;
    long[] steps = new long[n];
    double[] walls = new double[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      steps[i] = i;
      walls[i] = 1.7e9 + i * secondsApart;
      values[i] = (float) Math.exp(-i / 1e4);
    }
    c.append(steps, walls, values, 0, n);
    c.trim();
    assertThat(c.stats().stepsSorted()).isTrue();
    assertThat(readAll(c)[1]).containsExactly(walls);
    return (double) c.residentBytes() / n;
  }

  @Test
  void sealedChunksReadBackAfterTheOpenChunkIsReusedWithAnotherEncoding() {
    // Chunk 1 widens to long steps and double values before it is sealed; the reused arrays of
    // chunk 2 must start over as arithmetic steps and floats, and chunk 3 widens again.
    int n = 3 * ScalarChunk.CAPACITY;
    long[] steps = new long[n];
    double[] walls = new double[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      int chunk = i / ScalarChunk.CAPACITY;
      steps[i] = chunk == 0 ? (i == 5 ? Long.MIN_VALUE : i) : chunk == 1 ? i : 3L * i + (i % 2);
      walls[i] = 1.6e9 + i;
      values[i] = chunk == 1 ? (float) (i * 0.5) : i * 0.1;
    }
    ScalarColumn c = column();
    for (int i = 0; i < n; i++) { // one point at a time: the slow path on every chunk boundary
      c.append(new long[] {steps[i]}, new double[] {walls[i]}, new double[] {values[i]}, 0, 1);
    }
    long[] back = readSteps(c);
    double[][] all = readAll(c);
    for (int i = 0; i < n; i++) {
      assertThat(back[i]).as("step %d", i).isEqualTo(steps[i]);
      assertThat(all[1][i]).as("wall %d", i).isEqualTo(walls[i]);
      assertThat(all[2][i]).as("value %d", i).isEqualTo(values[i]);
    }
    assertThat(c.firstIndexAtWall(1.6e9 + 2 * ScalarChunk.CAPACITY + 7)).isEqualTo(2L * ScalarChunk.CAPACITY + 7);
    assertThat(c.evict()).isGreaterThan(n * 12L);
    assertThat(c.residentBytes()).isZero();
  }

  @Test
  void restoreSwapsInReloadedChunks() {
    int n = 2 * ScalarChunk.CAPACITY + 10;
    long[] steps = new long[n];
    double[] walls = new double[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      steps[i] = i;
      walls[i] = i;
      values[i] = i;
    }
    ScalarColumn c = column();
    c.append(steps, walls, values, 0, n);
    long resident = c.residentBytes();
    c.evict();
    ScalarColumn loaded = column();
    loaded.append(steps, walls, values, 0, n);
    assertThat(c.restore(loaded)).isEqualTo(resident);
    assertThat(readAll(c)[2][n - 1]).isEqualTo(n - 1);
    ScalarColumn shorter = column();
    shorter.append(steps, walls, values, 0, n - 1);
    assertThat(c.restore(shorter)).isEqualTo(Long.MIN_VALUE);
    assertThat(readSteps(c)[n - 1]).isEqualTo(n - 1);
  }

  /**
   * The statistics the append loop keeps (from the chunks' own, with the order across chunk
   * boundaries) against a plain pass over the points, for rows taken strided, listed and one by
   * one, in blocks of every size, over every kind of step, wall time and value; and the same
   * statistics when the column is evicted and only counts.
   */
  @Test
  void statisticsMatchAPlainPassWhateverThePointsAndRowLayout() {
    for (int seed = 0; seed < 40; seed++) {
      Random random = new Random(seed);
      int n = 1 + random.nextInt(3 * ScalarChunk.CAPACITY);
      long[] steps = new long[n];
      double[] walls = new double[n];
      double[] values = new double[n];
      long step = random.nextInt(100) - 50;
      double wall = 1.7e9 + random.nextDouble();
      int kind = 0;
      for (int i = 0; i < n; i++) {
        if (random.nextInt(500) == 0) {
          kind = random.nextInt(6);
        }
        step += switch (kind) {
          case 1 -> random.nextInt(5) - 2; // back and forth
          case 2 -> 0; // one step repeated
          case 3 -> random.nextInt(1_000_000);
          default -> seed % 3 + 1;
        };
        wall += switch (kind) {
          case 4 -> random.nextGaussian(); // out of order
          case 5 -> 1e6; // past what offsets reach
          default -> 0.01 * random.nextInt(3);
        };
        steps[i] = step;
        walls[i] = random.nextInt(2000) == 0 ? Double.NaN : wall;
        values[i] = random.nextInt(1000) == 0 ? Double.NaN : kind == 3 ? random.nextGaussian() : (float) random.nextGaussian();
      }
      // The points of "loss" among another tag's, every other row, as a logged batch holds them.
      int rowsTotal = 2 * n;
      long[] s = new long[rowsTotal];
      double[] w = new double[rowsTotal];
      double[] v = new double[rowsTotal];
      int[] listed = new int[n];
      for (int i = 0; i < n; i++) {
        s[2 * i + 1] = steps[i];
        w[2 * i + 1] = walls[i];
        v[2 * i + 1] = values[i];
        listed[i] = 2 * i + 1;
      }
      ScalarColumn resident = column();
      ScalarColumn evicted = column();
      evicted.evict();
      int layout = seed % 3;
      for (int at = 0; at < n; ) {
        int k = Math.min(n - at, 1 + random.nextInt(random.nextBoolean() ? 7 : 5000));
        for (ScalarColumn c : new ScalarColumn[] {resident, evicted}) {
          switch (layout) {
            case 0 -> c.append(s, w, v, null, 2 * at + 1, 2, k);
            case 1 -> c.append(s, w, v, listed, at, 1, k);
            default -> c.append(steps, walls, values, at, k);
          }
        }
        at += k;
      }
      assertThat(resident.stats()).as("seed %d", seed).isEqualTo(plainStats(steps, walls, resident.version()));
      assertThat(evicted.stats()).as("seed %d, evicted", seed).isEqualTo(plainStats(steps, walls, evicted.version()));
      double[][] back = readAll(resident);
      for (int i = 0; i < n; i++) {
        assertThat(back[0][i]).isEqualTo((double) steps[i]);
        assertThat(Double.doubleToRawLongBits(back[1][i])).isEqualTo(Double.doubleToRawLongBits(walls[i]));
        assertThat(Double.valueOf(back[2][i])).isEqualTo(Double.valueOf(values[i])); // NaN equals NaN here
      }
    }
  }

  @Test
  void orderBrokenOnlyWhereOneChunkEndsIsSeen() {
    int n = 2 * ScalarChunk.CAPACITY;
    for (boolean stepBreaks : new boolean[] {true, false}) {
      long[] steps = new long[n];
      double[] walls = new double[n];
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        steps[i] = i;
        walls[i] = 1.7e9 + i;
      }
      if (stepBreaks) {
        steps[ScalarChunk.CAPACITY] = 0;
      } else {
        walls[ScalarChunk.CAPACITY] = 1.7e9;
      }
      ScalarColumn c = column();
      c.append(steps, walls, values, 0, n);
      assertThat(c.stats()).isEqualTo(plainStats(steps, walls, c.version()));
      assertThat(c.stats().stepsSorted() && c.stats().wallsSorted()).isFalse();
    }
  }

  private static ScalarColumn.Stats plainStats(long[] steps, double[] walls, long version) {
    long minStep = Long.MAX_VALUE;
    long maxStep = Long.MIN_VALUE;
    double minWall = Double.POSITIVE_INFINITY;
    double maxWall = Double.NEGATIVE_INFINITY;
    boolean stepsSorted = true;
    boolean wallsSorted = true;
    for (int i = 0; i < steps.length; i++) {
      minStep = Math.min(minStep, steps[i]);
      maxStep = Math.max(maxStep, steps[i]);
      if (walls[i] < minWall) {
        minWall = walls[i];
      }
      if (walls[i] > maxWall) {
        maxWall = walls[i];
      }
      if (i > 0) {
        stepsSorted &= steps[i] >= steps[i - 1];
        wallsSorted &= walls[i] >= walls[i - 1];
      }
    }
    return new ScalarColumn.Stats(
        steps.length, version, minStep, maxStep, walls[0], walls[steps.length - 1], minWall, maxWall, stepsSorted,
        wallsSorted);
  }

  @Test
  void evictionKeepsCountStatisticsAndVersion() {
    ScalarColumn c = column();
    c.append(new long[] {1, 2, 3}, new double[] {10, 11, 12}, new double[] {0.5, 0.25, 0.125}, 0, 3);
    long version = c.version();
    assertThat(c.evict()).isPositive();
    assertThat(c.isResident()).isFalse();
    assertThat(c.residentBytes()).isZero();
    assertThat(c.scan(0, 3, (s, w, v, k, f) -> {})).isEqualTo(-1);
    c.append(new long[] {4}, new double[] {13}, new double[] {1}, 0, 1);
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
    c.append(steps, walls, values, 0, n);
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
