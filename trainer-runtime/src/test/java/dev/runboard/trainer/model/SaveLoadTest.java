package dev.runboard.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runboard.trainer.data.Dataset;
import dev.runboard.trainer.data.SyntheticDataset;
import dev.runboard.trainer.layers.BatchNormalization;
import dev.runboard.trainer.layers.Conv2D;
import dev.runboard.trainer.layers.Dense;
import dev.runboard.trainer.layers.Flatten;
import dev.runboard.trainer.layers.MaxPooling2D;
import dev.runboard.trainer.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaveLoadTest {
  @TempDir Path dir;

  @Test
  void aLoadedModelPredictsBitIdentically() throws Exception {
    Dataset data = SyntheticDataset.generate(300, 10, 8).train();
    Sequential model =
        new Sequential(
            new Conv2D(4, 3, 3, 2, 2, "same", dev.runboard.trainer.layers.Activation.RELU).inputShape(28, 28, 1),
            new BatchNormalization(),
            new MaxPooling2D(2, 2),
            new Flatten(),
            new Dense(16, "tanh"),
            new Dense(10, "softmax"));
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    model.fit(data.x(28, 28, 1), data.y(), FitOptions.fit().epochs(1).batchSize(30).verbose(0));
    Path file = dir.resolve("cifar10_model.rbmodel");
    model.save(file);

    Sequential loaded = Sequential.load(file);
    assertThat(loaded.summary()).isEqualTo(model.summary());
    Tensor x = data.x(28, 28, 1);
    float[] expected = model.predict(x).data();
    float[] actual = loaded.predict(x).data();
    for (int i = 0; i < expected.length; i++) {
      assertThat(Float.floatToRawIntBits(actual[i])).as("output %d", i).isEqualTo(Float.floatToRawIntBits(expected[i]));
    }
    // Moving statistics (non-trainable) travel too: they were updated by training.
    assertThat(loaded.getWeights().get(4)).containsExactly(model.getWeights().get(4));
  }

  @Test
  void damagedFilesAreRejectedWithFileAndOffset() throws Exception {
    Sequential model = SequentialTest.mlp();
    Path file = dir.resolve("m.rbmodel");
    model.save(file);
    byte[] bytes = Files.readAllBytes(file);

    Path truncated = dir.resolve("truncated.rbmodel");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 100));
    assertThatThrownBy(() -> Sequential.load(truncated))
        .hasMessageStartingWith(truncated + " at byte ")
        .hasMessageContaining("truncated");

    Path flipped = dir.resolve("flipped.rbmodel");
    byte[] corrupt = bytes.clone();
    corrupt[bytes.length / 2] ^= 1; // inside the weights: every field still parses
    Files.write(flipped, corrupt);
    assertThatThrownBy(() -> Sequential.load(flipped))
        .hasMessage(flipped + " at byte " + (bytes.length - 8) + ": checksum mismatch: the file is corrupt");

    Path foreign = dir.resolve("foreign.rbmodel");
    Files.writeString(foreign, "PK not a model at all");
    assertThatThrownBy(() -> Sequential.load(foreign))
        .hasMessage(foreign + " at byte 0: not a Runboard model file (bad magic)");
  }
}
