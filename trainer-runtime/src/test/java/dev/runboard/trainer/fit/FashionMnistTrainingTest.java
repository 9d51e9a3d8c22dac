package dev.runboard.trainer.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runboard.trainer.data.FashionMnist;
import dev.runboard.trainer.data.TrainTestData;
import dev.runboard.trainer.nn.Adam;
import dev.runboard.trainer.nn.Mlp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real thing, where Debian's dataset-fashion-mnist is installed; skipped elsewhere. */
class FashionMnistTrainingTest {
  @Test
  void oneEpochReachesKerasTutorialAccuracy() throws Exception {
    assumeTrue(FashionMnist.isInstalled(), "Fashion-MNIST is not installed");
    TrainTestData data = FashionMnist.load();
    Mlp model = Mlp.denseRelu(784, List.of(128), 10, 42);
    Trainer trainer = new Trainer(model, new Adam(model.parameters()), 64, 42);
    EpochSummary epoch = trainer.fit(data.train(), null, 1, new TrainingCallback() {}).get(0);
    Metrics test = trainer.evaluate(data.test());
    System.out.printf(
        "Fashion-MNIST, 1 epoch 784-128-10: %.2f s, train accuracy %.4f, test accuracy %.4f%n",
        epoch.duration().toNanos() / 1e9, epoch.train().accuracy(), test.accuracy());
    assertThat(test.accuracy()).isGreaterThanOrEqualTo(0.80);
  }
}
