package dev.runboard.plugin.hparams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableExportTest {
  private final SessionTable table = new SessionTable(
      List.of(new HParamInfo("lr", "float", List.of(), 0.001, 0.1, true, ""),
          new HParamInfo("opt_name", "string", List.of("adam", "sgd, momentum"), Double.NaN, Double.NaN, true, "")),
      List.of(MetricInfo.of("epoch_accuracy", "validation", ""), MetricInfo.of("loss", "", "")),
      List.of(
          new Session("a/run_1", "a/run_1/train", List.of(), Map.of("lr", 0.001, "opt_name", "adam"),
              Map.of("validation/epoch_accuracy", new MetricValue(0.875, 9, 1), "loss", new MetricValue(2, 9, 1)),
              "success", 1, 2),
          new Session("b&c", "b&c", List.of(), Map.of("lr", 0.1, "opt_name", "sgd, momentum"),
              Map.of("validation/epoch_accuracy", new MetricValue(Double.NaN, 3, 1)), "failure", 1, 2)),
      MetricAggregation.LAST);

  @Test
  void csvQuotesWhatNeedsItAndMarksDivergedValues() {
    assertThat(TableExport.csv(table)).isEqualTo(
        "run,session_run,status,lr,opt_name,validation/epoch_accuracy,loss\r\n"
            + "a/run_1,a/run_1/train,success,0.001,adam,0.875,2\r\n"
            + "b&c,b&c,failure,0.1,\"sgd, momentum\",NaN,\r\n");
  }

  @Test
  void latexIsABooktabsTabularWithEscapedText() {
    String latex = TableExport.latex(table);
    assertThat(latex).contains("\\begin{tabular}{llrlrr}", "\\toprule", "\\midrule", "\\bottomrule", "\\end{tabular}");
    assertThat(latex).contains("Run & Status & lr & opt\\_name & validation/epoch\\_accuracy & loss \\\\");
    assertThat(latex).contains("a/run\\_1 & success & 0.001000 & adam & 0.8750 & 2 \\\\");
    assertThat(latex).contains("b\\&c & failure & 0.1000 & sgd, momentum & NaN & -- \\\\");
  }

  @Test
  void conditionsParseRangesAndExactValues() {
    assertThat(ColumnCondition.parse("0.001..0.01").test(0.005)).isTrue();
    assertThat(ColumnCondition.parse("0.001..0.01").test(0.1)).isFalse();
    assertThat(ColumnCondition.parse("..0.01").test(-5.0)).isTrue();
    assertThat(ColumnCondition.parse("64..").test(128.0)).isTrue();
    assertThat(ColumnCondition.parse("64").test(64.0)).isTrue();
    assertThat(ColumnCondition.parse("adam").test("adam")).isTrue();
    assertThat(ColumnCondition.parse("true").test(true)).isTrue();
    assertThat(ColumnCondition.parse("0..1").test(Double.NaN)).isFalse();
    assertThat(ColumnCondition.parse("0..1").test(null)).isFalse();
    assertThat(ColumnCondition.anyOf(java.util.Set.of("adam", "sgd")).test("sgd")).isTrue();
    assertThatThrownBy(() -> ColumnCondition.parse("b..a")).hasMessageContaining("not a range");
    assertThatThrownBy(() -> ColumnCondition.parse("2..1")).hasMessageContaining("empty");
  }

  @Test
  void aggregationsPickLastMinOrMaxIgnoringNaN() {
    long[] steps = {0, 1, 2, 3};
    double[] walls = {10, 11, 12, 13};
    double[] values = {0.5, Double.NaN, 0.9, 0.7};
    assertThat(MetricAggregation.LAST.pick(steps, walls, values)).isEqualTo(new MetricValue(0.7, 3, 13));
    assertThat(MetricAggregation.MIN.pick(steps, walls, values)).isEqualTo(new MetricValue(0.5, 0, 10));
    assertThat(MetricAggregation.MAX.pick(steps, walls, values)).isEqualTo(new MetricValue(0.9, 2, 12));
    assertThat(MetricAggregation.MAX.pick(new long[] {4}, new double[] {1}, new double[] {Double.NaN}).diverged()).isTrue();
  }
}
