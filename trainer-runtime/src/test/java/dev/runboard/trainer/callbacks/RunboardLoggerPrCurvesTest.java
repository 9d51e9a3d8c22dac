package dev.runboard.trainer.callbacks;

import static dev.runboard.trainer.RunLogs.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.PrCurve;
import dev.runboard.eventlog.TensorEvent;
import dev.runboard.eventlog.TensorValue;
import dev.runboard.trainer.RunLogs;
import dev.runboard.trainer.data.Dataset;
import dev.runboard.trainer.data.SyntheticDataset;
import dev.runboard.trainer.layers.Dense;
import dev.runboard.trainer.model.FitOptions;
import dev.runboard.trainer.model.Sequential;
import dev.runboard.trainer.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RunboardLogger's PR-curve option: one-vs-rest curves for softmax models, one curve for a sigmoid. */
class RunboardLoggerPrCurvesTest {
  @TempDir Path logDir;

  @Test
  void aSoftmaxModelGetsOneCurvePerClassEachEpochOfItsFinalPredictions() throws Exception {
    Dataset data = SyntheticDataset.generate(300, 60, 7).train();
    Dataset held = SyntheticDataset.generate(300, 60, 7).test();
    int[] labels = new int[held.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = held.label(i);
    }
    Sequential model = new Sequential(new Dense(10, "softmax").inputShape(784));
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    model.fit(data.x(784), data.y(), FitOptions.fit().epochs(2).batchSize(50).validationSplit(0.2).verbose(0)
        .callbacks(new RunboardLogger(logDir, Map.of()).withPrCurves(held.x(784), labels, 11)));

    List<TensorEvent> curves = ofType(RunLogs.read(logDir.resolve("validation")), TensorEvent.class);
    assertThat(curves).hasSize(2 * 10);
    assertThat(curves).allMatch(e -> e.pluginName().equals(PrCurve.PLUGIN_NAME));
    assertThat(curves.stream().map(TensorEvent::tag).distinct())
        .containsExactly("pr_curve/class_0", "pr_curve/class_1", "pr_curve/class_2", "pr_curve/class_3",
            "pr_curve/class_4", "pr_curve/class_5", "pr_curve/class_6", "pr_curve/class_7",
            "pr_curve/class_8", "pr_curve/class_9");
    // The last epoch's curve of class 3 is the curve of the trained model's probabilities.
    TensorEvent last = curves.stream().filter(e -> e.tag().equals("pr_curve/class_3") && e.step() == 1)
        .findFirst().orElseThrow();
    float[] probabilities = model.predict(held.x(784)).data();
    boolean[] positive = new boolean[labels.length];
    float[] p3 = new float[labels.length];
    for (int i = 0; i < labels.length; i++) {
      positive[i] = labels[i] == 3;
      p3[i] = probabilities[i * 10 + 3];
    }
    assertThat(last.tensor()).isEqualTo(TensorValue.ofFloats(new long[] {6, 11}, PrCurve.compute(positive, p3, 11)));
    assertThat(last.pluginContent()).isEqualTo(PrCurve.pluginContent(11));
    List<LogEvent> train = RunLogs.read(logDir.resolve("train"));
    assertThat(ofType(train, TensorEvent.class)).as("curves go to the validation run").isEmpty();
  }

  @Test
  void aSigmoidModelGetsOneCurveWithLabelOneAsPositiveInTheTrainRunWithoutValidation() throws Exception {
    Dataset data = SyntheticDataset.generate(200, 40, 3).train();
    int[] binary = new int[data.size()];
    float[] targets = new float[data.size()];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = data.label(i) < 5 ? 1 : 0;
      targets[i] = binary[i];
    }
    Sequential model = new Sequential(new Dense(1, "sigmoid").inputShape(784));
    model.compile("adam", "binary_crossentropy");
    Tensor x = data.x(784);
    model.fit(x, Tensor.of(targets, binary.length, 1), FitOptions.fit().epochs(1).batchSize(50).verbose(0)
        .callbacks(new RunboardLogger(logDir, Map.of()).withPrCurves(x, binary, 5)));

    List<TensorEvent> curves = ofType(RunLogs.read(logDir.resolve("train")), TensorEvent.class);
    assertThat(curves).hasSize(1);
    assertThat(curves.get(0).tag()).isEqualTo("pr_curve");
    assertThat(curves.get(0).tensor().shape()).containsExactly(6, 5);
    double[] rows = curves.get(0).tensor().toDoubles();
    // At threshold 0 every example counts as positive: recall 1, true positives = positives.
    long positives = java.util.Arrays.stream(binary).filter(b -> b == 1).count();
    assertThat(rows[PrCurve.TRUE_POSITIVES * 5]).isEqualTo(positives);
    assertThat(rows[PrCurve.RECALL * 5]).isEqualTo(1.0);
  }

  @Test
  void mismatchedLabelsAreRefusedAtOnce() {
    Tensor x = Tensor.zeros(3, 4);
    assertThatThrownBy(() -> new RunboardLogger(logDir).withPrCurves(x, new int[2], 10))
        .hasMessageContaining("3 examples for 2 labels");
    assertThatThrownBy(() -> new RunboardLogger(logDir).withPrCurves(x, new int[3], 1))
        .hasMessageContaining("at least 2");
  }
}
