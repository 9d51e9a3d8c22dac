package dev.runboard.trainer.model;

import dev.runboard.trainer.data.FashionMnist;
import dev.runboard.trainer.data.TrainTestData;
import org.junit.jupiter.api.Test;

class SmokeTrainTest {
  @Test
  void smoke() throws Exception {
    TrainTestData data = FashionMnist.load();
    var train = data.train().slice(0, 6400);
    Sequential model = SeedModels.seedCnn(28, 28, 1, 10);
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    model.summary(System.out);
    long t0 = System.nanoTime();
    var h = model.fit(train.x(28, 28, 1), train.y(), FitOptions.fit().epochs(1).batchSize(64));
    System.out.println("fit s " + (System.nanoTime() - t0) / 1e9);
    var test = data.test().slice(0, 2000);
    System.out.println(model.evaluate(test.x(28, 28, 1), test.y()));
  }
}
