package dev.runboard.trainer.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runboard.trainer.data.Dataset;
import dev.runboard.trainer.data.FashionMnist;
import dev.runboard.trainer.data.SyntheticDataset;
import dev.runboard.trainer.data.TrainTestData;
import dev.runboard.trainer.layers.Activation;
import dev.runboard.trainer.layers.BatchNormalization;
import dev.runboard.trainer.layers.Conv2D;
import dev.runboard.trainer.layers.Dense;
import dev.runboard.trainer.layers.Dropout;
import dev.runboard.trainer.layers.Flatten;
import dev.runboard.trainer.layers.Layer;
import dev.runboard.trainer.layers.MaxPooling2D;
import dev.runboard.trainer.model.FitOptions;
import dev.runboard.trainer.model.SeedModels;
import dev.runboard.trainer.model.Sequential;
import dev.runboard.trainer.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported files are checked by an independent implementation: ONNX Runtime loads them (so
 * the bytes are valid ONNX) and computes what the trainer computes.
 */
class OnnxExportTest {
  @TempDir Path dir;

  /** Every exportable layer, with "same" and "valid" padding, strides and each activation. */
  @Test
  void everyLayerTypeComputesWhatTheTrainerComputes() throws Exception {
    Sequential model =
        new Sequential(
            new Conv2D(6, 3, 3, 2, 2, "same", Activation.RELU).inputShape(13, 11, 2),
            new BatchNormalization(),
            new MaxPooling2D(3, 3, 2, 2, "same"),
            new Conv2D(5, 2, 2, 1, 1, "valid", Activation.TANH),
            new Flatten(),
            new Dense(12, "sigmoid"),
            new Dropout(0.3),
            new BatchNormalization(),
            new Dense(7),
            new Dense(4, "softmax"));
    Tensor x = random(40, 13, 11, 2);
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    float[] labels = new float[40];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 4;
    }
    // A few steps, so that batch normalisation's moving statistics are not the initial ones.
    model.fit(x, Tensor.of(labels, 40), FitOptions.fit().epochs(2).batchSize(10).verbose(0));
    assertMatches(model, x, WeightFormat.FLOAT32, 1e-5);

    // Channels-first softmax and an image-shaped output, transposed back to NHWC.
    Sequential pointwise = new Sequential(new Conv2D(3, 1, 1, 1, 1, "valid", Activation.SOFTMAX).inputShape(5, 4, 2));
    pointwise.build(5, 4, 2);
    assertMatches(pointwise, random(3, 5, 4, 2), WeightFormat.FLOAT32, 1e-6);

    // An int8 file computes what the model computes with the round-tripped weights.
    List<float[]> original = model.getWeights();
    Path int8 = dir.resolve("int8.onnx");
    model.exportOnnx(int8, WeightFormat.INT8);
    model.setWeights(OnnxExport.int8RoundTrip(model));
    float[] expected = model.predict(x, 32, 0).data();
    model.setWeights(original);
    assertThat(maxAbsDiff(run(int8, x), expected)).isLessThan(1e-5);
  }

  @Test
  void unknownLayersAndUnbuiltModelsAreRefusedClearly() {
    Sequential unbuilt = new Sequential(new Flatten(), new Dense(3));
    assertThatThrownBy(() -> OnnxExport.toBytes(unbuilt, WeightFormat.FLOAT32))
        .hasMessageContaining("not built");
    Sequential custom = new Sequential(new Layer() {
      @Override
      public String type() {
        return "Mystery";
      }

      @Override
      protected int[] doBuild(int[] inputShape, java.util.SplittableRandom init) {
        return inputShape;
      }

      @Override
      public Tensor call(Tensor x, dev.runboard.trainer.layers.CallContext context) {
        return x;
      }

      @Override
      public Map<String, String> config() {
        return Map.of();
      }
    }.inputShape(3));
    assertThatThrownBy(() -> OnnxExport.toBytes(custom, WeightFormat.FLOAT32))
        .hasMessage("cannot export layer mystery of type Mystery to ONNX");
  }

  /**
   * The seed's deployment step on real data: the float file predicts the 10,000 Fashion-MNIST test
   * images as the trainer does; the int8 file is at most 30 % of its size and within one point of
   * its accuracy. (One epoch on 6,000 images keeps the test short; the README records the figures
   * for the 5-epoch model.)
   */
  @Test
  void seedCnnOnFashionMnistFloatEqualsTheTrainerAndInt8KeepsTheAccuracy() throws Exception {
    TrainTestData data = FashionMnist.load();
    Dataset train = data.train().slice(0, 6_000);
    Sequential model = SeedModels.seedCnn(28, 28, 1, 10);
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    model.fit(train.x(28, 28, 1), train.y(), FitOptions.fit().epochs(1).batchSize(64).verbose(0));
    Path rbmodel = dir.resolve("seed.rbmodel");
    Path floatFile = dir.resolve("seed.onnx");
    Path int8File = dir.resolve("seed-int8.onnx");
    model.save(rbmodel);
    model.exportOnnx(floatFile);
    model.exportOnnx(int8File, WeightFormat.INT8);

    // Through the command-line check of the README, on all 10,000 test images.
    java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
    java.io.PrintStream out = new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8);
    OnnxRuntimeCheck.Report exact = OnnxRuntimeCheck.check(floatFile, rbmodel, data, out);
    assertThat(exact.maxAbsDiff()).isLessThanOrEqualTo(1e-4);
    assertThat(exact.argmaxAgreement()).isEqualTo(1.0);
    assertThat(exact.accuracy()).isGreaterThan(0.6);
    OnnxRuntimeCheck.Report int8 = OnnxRuntimeCheck.check(int8File, null, data, out);
    assertThat(int8.accuracy()).isCloseTo(exact.accuracy(), org.assertj.core.api.Assertions.within(0.01));
    assertThat((double) Files.size(int8File) / Files.size(floatFile)).isLessThanOrEqualTo(0.30);
    assertThat(console.toString(java.nio.charset.StandardCharsets.UTF_8))
        .containsPattern("onnx_accuracy=0\\.\\d{4} max_abs_diff=\\S+ argmax_agreement=1\\.0000");
  }

  private static void assertMatches(Sequential model, Tensor x, WeightFormat format, double tolerance) throws Exception {
    byte[] bytes = OnnxExport.toBytes(model, format);
    float[] expected = model.predict(x, 32, 0).data();
    float[] actual = OnnxRuntimeCheck.run(bytes, x);
    assertThat(actual).hasSameSizeAs(expected);
    assertThat(maxAbsDiff(actual, expected)).isLessThan(tolerance);
  }

  private static float[] run(Path file, Tensor x) throws Exception {
    return OnnxRuntimeCheck.run(Files.readAllBytes(file), x);
  }

  private static Tensor random(int n, int h, int w, int c) {
    SplittableRandom random = new SplittableRandom(n * 31L + h);
    float[] values = new float[n * h * w * c];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble();
    }
    return Tensor.of(values, n, h, w, c);
  }

  private static double maxAbsDiff(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

}
