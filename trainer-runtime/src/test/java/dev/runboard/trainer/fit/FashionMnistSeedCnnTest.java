package dev.runboard.trainer.fit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.trainer.data.Dataset;
import dev.runboard.trainer.data.FashionMnist;
import dev.runboard.trainer.data.TrainTestData;
import dev.runboard.trainer.model.FitOptions;
import dev.runboard.trainer.model.SeedModels;
import dev.runboard.trainer.model.Sequential;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed CNN learns real Fashion-MNIST. Sized for a shared 2-core CI machine: 8,000 training
 * images, one epoch, 2,000 test images. Chance is 0.10; the full 5-epoch run reaches about 0.9
 * (README). The test fails if the data is missing: {@code ./runboard test} installs it.
 */
class FashionMnistSeedCnnTest {
  @Test
  void oneEpochOnASubsetLearnsFarBeyondChance() throws Exception {
    TrainTestData data = FashionMnist.load();
    Dataset train = data.train().slice(0, 8_000);
    Dataset test = data.test().slice(0, 2_000);
    Sequential model = SeedModels.seedCnn(28, 28, 1, 10);
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    model.fit(train.x(28, 28, 1), train.y(), FitOptions.fit().epochs(1).batchSize(64).verbose(0));
    Map<String, Double> result = model.evaluate(test.x(28, 28, 1), test.y(), 256);
    assertThat(result.get("accuracy")).isGreaterThan(0.70);
    assertThat(result.get("loss")).isLessThan(0.9);
  }
}
