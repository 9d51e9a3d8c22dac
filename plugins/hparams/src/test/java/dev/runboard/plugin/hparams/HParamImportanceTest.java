package dev.runboard.plugin.hparams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Importance on synthetic sweeps where the answer is known. */
class HParamImportanceTest {
  private static final List<String> OPTIMIZERS = List.of("adam", "sgd", "rmsprop");

  /**
   * 120 sessions over four hparams; the metric is a function of the learning rate alone (plus a
   * little noise): it must get nearly all the importance, the others almost none.
   */
  @Test
  void theOneHParamThatDeterminesTheMetricGetsTheImportance() {
    SessionTable table = sweep(120, (lr, dropout, batch, optimizer) -> -Math.pow(Math.log10(lr) + 2.5, 2));
    HParamImportance.Result result = HParamImportance.compute(table, "accuracy", 7);
    Map<String, Double> importance = byName(result);
    assertThat(result.entries().get(0).hparam()).isEqualTo("learning_rate");
    assertThat(importance.get("learning_rate")).isGreaterThan(0.85);
    assertThat(importance.get("dropout")).isLessThan(0.06);
    assertThat(importance.get("batch_size")).isLessThan(0.06);
    assertThat(importance.get("optimizer")).isLessThan(0.06);
    assertThat(importance.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(result.outOfBagR2()).isGreaterThan(0.6);
  }

  /** A string hparam that decides the metric is found as well (ranks, not values, matter). */
  @Test
  void aCategoricalHParamCanBeTheImportantOne() {
    SessionTable table = sweep(90, (lr, dropout, batch, optimizer) -> optimizer.equals("sgd") ? 0.6 : 0.9);
    Map<String, Double> importance = byName(HParamImportance.compute(table, "accuracy", 3));
    assertThat(importance.get("optimizer")).isGreaterThan(0.85);
  }

  /** Two hparams that matter share the importance in proportion to the variance each explains. */
  @Test
  void twoHParamsShareTheImportance() {
    SessionTable table = sweep(200, (lr, dropout, batch, optimizer) -> 2 * dropout + (batch >= 64 ? 0.4 : 0));
    Map<String, Double> importance = byName(HParamImportance.compute(table, "accuracy", 11));
    assertThat(importance.get("dropout") + importance.get("batch_size")).isGreaterThan(0.9);
    assertThat(importance.get("dropout")).isGreaterThan(0.2);
    assertThat(importance.get("batch_size")).isGreaterThan(0.2);
  }

  @Test
  void divergedSessionsAreLeftOutAndTooFewIsAnError() {
    SessionTable table = sweep(12, (lr, dropout, batch, optimizer) -> lr > 0.01 ? Double.NaN : lr);
    long finite = table.sessions().stream().filter(s -> !s.metrics().get("accuracy").diverged()).count();
    if (finite >= HParamImportance.MIN_SESSIONS) {
      assertThat(HParamImportance.compute(table, "accuracy", 1).sessions()).isEqualTo((int) finite);
    }
    SessionTable tiny = sweep(4, (lr, dropout, batch, optimizer) -> lr);
    assertThatThrownBy(() -> HParamImportance.compute(tiny, "accuracy", 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 5 sessions");
    assertThatThrownBy(() -> HParamImportance.compute(tiny, "nope", 1)).hasMessageContaining("no metric 'nope'");
  }

  @Test
  void sameSeedSameResult() {
    SessionTable table = sweep(60, (lr, dropout, batch, optimizer) -> lr * 10 + dropout);
    assertThat(HParamImportance.compute(table, "accuracy", 5)).isEqualTo(HParamImportance.compute(table, "accuracy", 5));
  }

  interface Metric {
    double of(double lr, double dropout, double batch, String optimizer);
  }

  /** Random sessions over learning rate (log-uniform), dropout, batch size and optimizer. */
  static SessionTable sweep(int n, Metric metric) {
    SplittableRandom random = new SplittableRandom(42);
    List<Session> sessions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double lr = Math.pow(10, -4 + 3 * random.nextDouble());
      double dropout = Math.round(random.nextDouble() * 5) / 10.0;
      double batch = List.of(16.0, 32.0, 64.0, 128.0).get(random.nextInt(4));
      String optimizer = OPTIMIZERS.get(random.nextInt(OPTIMIZERS.size()));
      double value = metric.of(lr, dropout, batch, optimizer) + random.nextGaussian() * 0.005;
      sessions.add(new Session("run" + i, "run" + i, List.of("run" + i),
          Map.of("learning_rate", lr, "dropout", dropout, "batch_size", batch, "optimizer", optimizer),
          Map.of("accuracy", new MetricValue(value, 10, 1.0)), "success", 0, 1));
    }
    List<HParamInfo> hparams = List.of(
        new HParamInfo("batch_size", "int", List.of(), 16, 128, true, ""),
        new HParamInfo("dropout", "float", List.of(), 0, 0.5, true, ""),
        new HParamInfo("learning_rate", "float", List.of(), 1e-4, 0.1, true, ""),
        new HParamInfo("optimizer", "string", List.copyOf(OPTIMIZERS), Double.NaN, Double.NaN, true, ""));
    return new SessionTable(hparams, List.of(MetricInfo.of("accuracy", "", "")), sessions, MetricAggregation.LAST);
  }

  private static Map<String, Double> byName(HParamImportance.Result result) {
    Map<String, Double> out = new java.util.HashMap<>();
    result.entries().forEach(e -> out.put(e.hparam(), e.importance()));
    return out;
  }
}
