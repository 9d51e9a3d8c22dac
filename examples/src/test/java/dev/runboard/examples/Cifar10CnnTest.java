package dev.runboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.trainer.data.SyntheticDataset;
import dev.runboard.trainer.data.TrainTestData;
import dev.runboard.trainer.model.Sequential;
import dev.runboard.trainer.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example runs end to end (on a small synthetic set, two epochs). */
class Cifar10CnnTest {
  @TempDir Path dir;

  @Test
  void theSeedExampleTrainsLogsCheckpointsSavesLoadsAndExports() throws Exception {
    TrainTestData data = SyntheticDataset.generate(300, 50, 7);
    Sequential loaded = Cifar10Cnn.run(data, dir, 2);

    assertThat(dir.resolve("logs/train")).isDirectory();
    assertThat(dir.resolve("logs/validation")).isDirectory();
    assertThat(Files.isRegularFile(dir.resolve("best_model.rbmodel"))).isTrue();
    Sequential saved = Sequential.load(dir.resolve("cifar10_model.rbmodel"));
    Tensor x = data.test().x(28, 28, 1);
    assertThat(loaded.predict(x).data()).containsExactly(saved.predict(x).data());
    assertThat(loaded.parameterCount()).isEqualTo(93_322);
    long onnx = Files.size(dir.resolve("cifar10_model.onnx"));
    assertThat(onnx).isGreaterThan(93_322L * 4); // every weight, as float32
    assertThat(Files.size(dir.resolve("cifar10_model_int8.onnx"))).isLessThan(onnx * 3 / 10);
  }
}
