package dev.runboard.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runboard.trainer.callbacks.ModelCheckpoint;
import dev.runboard.trainer.data.Dataset;
import dev.runboard.trainer.data.SyntheticDataset;
import dev.runboard.trainer.layers.BatchNormalization;
import dev.runboard.trainer.layers.Conv2D;
import dev.runboard.trainer.layers.Dense;
import dev.runboard.trainer.layers.Dropout;
import dev.runboard.trainer.layers.Flatten;
import dev.runboard.trainer.layers.MaxPooling2D;
import dev.runboard.trainer.losses.SparseCategoricalCrossentropy;
import dev.runboard.trainer.metrics.Accuracy;
import dev.runboard.trainer.optimizers.Adam;
import dev.runboard.trainer.optimizers.ExponentialDecay;
import dev.runboard.trainer.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Save after epoch 2, load, continue: epochs 3 to 5 are bit-identical to an uninterrupted run.
 * The model exercises every piece of state a resume needs: Adam's moments and step count (with a
 * decaying learning rate, so the schedule's position matters), the shuffling stream, the dropout
 * stream and batch normalisation's moving statistics.
 */
class ResumeTest {
  private static final int EPOCHS = 5;

  @TempDir Path dir;

  private final Dataset data = SyntheticDataset.generate(320, 10, 3).train();
  private final Tensor x = data.x(28, 28, 1);
  private final Tensor y = data.y();

  private static Sequential model() {
    Sequential model =
        new Sequential(
            new Conv2D(4, 3, 3, "relu").inputShape(28, 28, 1),
            new MaxPooling2D(2, 2),
            new Flatten(),
            new Dense(16, "relu"),
            new BatchNormalization(),
            new Dropout(0.3),
            new Dense(10, "softmax"));
    model.initializerSeed(11);
    model.compile(
        new Adam(new ExponentialDecay(0.01, 10, 0.5, false), 0.9, 0.999, 1e-7),
        new SparseCategoricalCrossentropy(), new Accuracy());
    return model;
  }

  private FitOptions options(int epochs) {
    return FitOptions.fit().epochs(epochs).batchSize(32).validationSplit(0.2).seed(123).verbose(0);
  }

  @Test
  void epochsThreeToFiveAfterAResumeEqualAnUninterruptedRunBitForBit() throws Exception {
    Sequential uninterrupted = model();
    History full = uninterrupted.fit(x, y, options(EPOCHS));

    Path checkpoint = dir.resolve("checkpoint.rbmodel");
    Sequential first = model();
    first.fit(x, y, options(2).callbacks(new ModelCheckpoint(checkpoint, false)));
    Sequential resumed = Sequential.load(checkpoint);
    assertThat(resumed.completedEpochs()).isEqualTo(2);
    assertThat(resumed.optimizer().iterations()).isEqualTo(2 * 8); // 256 examples in batches of 32
    assertThat(resumed.optimizer().learningRate()).isEqualTo(first.optimizer().learningRate());
    History rest = resumed.fit(x, y, options(EPOCHS).initialEpoch(2));

    assertThat(rest.epochs()).isEqualTo(3);
    for (String metric : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
      List<Double> expected = full.history().get(metric).subList(2, EPOCHS);
      assertThat(rest.history().get(metric)).as(metric).isEqualTo(expected);
    }
    assertBitIdentical(resumed.getWeights(), uninterrupted.getWeights());
    assertThat(resumed.completedEpochs()).isEqualTo(EPOCHS);
  }

  /** The same weights without the optimizer and random state do not continue the run: the state matters. */
  @Test
  void weightsAloneDoNotResumeExactly() throws Exception {
    Sequential uninterrupted = model();
    History full = uninterrupted.fit(x, y, options(EPOCHS));
    Sequential first = model();
    first.fit(x, y, options(2));
    Sequential weightsOnly = model();
    weightsOnly.build(28, 28, 1);
    weightsOnly.setWeights(first.getWeights());
    History rest = weightsOnly.fit(x, y, options(EPOCHS).initialEpoch(2));
    assertThat(rest.history().get("loss")).isNotEqualTo(full.history().get("loss").subList(2, EPOCHS));
  }

  @Test
  void continuingInTheSameProcessIsExactToo() throws Exception {
    Sequential uninterrupted = model();
    History full = uninterrupted.fit(x, y, options(EPOCHS));
    Sequential model = model();
    model.fit(x, y, options(2));
    History rest = model.fit(x, y, options(EPOCHS).initialEpoch(2));
    assertThat(rest.history().get("loss")).isEqualTo(full.history().get("loss").subList(2, EPOCHS));
  }

  @Test
  void theFileRestoresCompileSettingsAndMetadata() throws Exception {
    Sequential model = model();
    model.metadata().put("train.dataset", "synthetic");
    model.fit(x, y, options(1));
    Path file = dir.resolve("m.rbmodel");
    model.save(file);
    Sequential loaded = Sequential.load(file);
    assertThat(loaded.optimizer().config()).isEqualTo(model.optimizer().config());
    assertThat(loaded.loss().name()).isEqualTo("sparse_categorical_crossentropy");
    assertThat(loaded.metrics()).extracting(m -> m.name()).containsExactly("accuracy");
    assertThat(loaded.metadata()).containsExactly(Map.entry("train.dataset", "synthetic"));
    assertThatThrownBy(() -> loaded.fit(x, y, options(1).initialEpoch(1)))
        .hasMessageContaining("initialEpoch 1 leaves nothing to train");

    model.metadata().put("bad", "two\nlines");
    assertThatThrownBy(() -> model.save(dir.resolve("bad.rbmodel"))).hasMessageContaining("line break");
  }

  /** Files of format version 1 (architecture and weights only) still load, uncompiled. */
  @Test
  void versionOneFilesStillLoad() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write("RBMODEL\0".getBytes(StandardCharsets.US_ASCII));
    out.writeInt(1);
    byte[] architecture = "name=v1\ninput_shape=3\nlayer=Dense;name=dense;units=2;activation=linear\n"
        .getBytes(StandardCharsets.UTF_8);
    out.writeInt(architecture.length);
    out.write(architecture);
    out.writeInt(2);
    writeWeight(out, "dense/kernel", new int[] {3, 2}, 1, 2, 3, 4, 5, 6);
    writeWeight(out, "dense/bias", new int[] {2}, 0.5f, -0.5f);
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    out.writeLong(crc.getValue());
    Path file = dir.resolve("v1.rbmodel");
    Files.write(file, bytes.toByteArray());
    Sequential loaded = Sequential.load(file);
    assertThat(loaded.optimizer()).isNull();
    assertThat(loaded.completedEpochs()).isZero();
    float[] prediction = loaded.predict(Tensor.of(new float[] {1, 0, 1}, 1, 3)).data();
    assertThat(prediction).containsExactly(1 + 5 + 0.5f, 2 + 6 - 0.5f);
  }

  private static void writeWeight(DataOutputStream out, String name, int[] shape, float... values) throws IOException {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
    out.writeInt(shape.length);
    for (int d : shape) {
      out.writeInt(d);
    }
    for (float v : values) {
      out.writeInt(Float.floatToRawIntBits(v));
    }
  }

  private static void assertBitIdentical(List<float[]> actual, List<float[]> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int w = 0; w < expected.size(); w++) {
      for (int i = 0; i < expected.get(w).length; i++) {
        assertThat(Float.floatToRawIntBits(actual.get(w)[i]))
            .as("weight %d value %d", w, i)
            .isEqualTo(Float.floatToRawIntBits(expected.get(w)[i]));
      }
    }
  }
}
