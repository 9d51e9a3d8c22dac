package dev.runboard.trainer.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runboard.trainer.data.Dataset;
import dev.runboard.trainer.data.SyntheticDataset;
import dev.runboard.trainer.data.TrainTestData;
import dev.runboard.trainer.nn.Adam;
import dev.runboard.trainer.nn.Mlp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {
  private static final TrainTestData DATA = SyntheticDataset.generate(6_000, 1_000, 21);

  private static Trainer trainer(long seed) {
    Mlp model = Mlp.denseRelu(784, List.of(64), 10, seed);
    return new Trainer(model, new Adam(model.parameters()), 32, seed);
  }

  @Test
  void learnsTheSyntheticSetDeterministically() throws InterruptedException {
    Dataset.Split split = DATA.train().split(0.1);
    List<EpochSummary> history = trainer(5).fit(split.first(), split.second(), 3, new TrainingCallback() {});
    Metrics test = trainer(5).evaluate(DATA.test()); // untrained: about chance
    assertThat(test.accuracy()).isLessThan(0.3);

    Trainer trained = trainer(5);
    List<EpochSummary> again = trained.fit(split.first(), split.second(), 3, new TrainingCallback() {});
    assertThat(again).hasSize(3);
    assertThat(again.get(2).validation().orElseThrow().accuracy()).isGreaterThan(0.9);
    assertThat(trained.evaluate(DATA.test()).accuracy()).isGreaterThan(0.9);
    assertThat(again.get(2).train().loss()).isLessThan(again.get(0).train().loss());
    // Same seed, same data: bit-identical training.
    for (int epoch = 0; epoch < 3; epoch++) {
      assertThat(again.get(epoch).train()).isEqualTo(history.get(epoch).train());
      assertThat(again.get(epoch).validation()).isEqualTo(history.get(epoch).validation());
    }
  }

  @Test
  void reportsEveryBatchWithGlobalSteps() throws InterruptedException {
    Dataset small = DATA.train().slice(0, 100);
    List<Long> steps = new ArrayList<>();
    List<Integer> epochEnds = new ArrayList<>();
    TrainingCallback recorder =
        new TrainingCallback() {
          @Override
          public void onEpochBegin(int epoch, int epochs, int stepsPerEpoch) {
            assertThat(stepsPerEpoch).isEqualTo(4); // 32 + 32 + 32 + 4
          }

          @Override
          public void onBatchEnd(int epoch, int batch, long step, Metrics running) {
            assertThat(step).isEqualTo(epoch * 4L + batch);
            steps.add(step);
          }

          @Override
          public void onEpochEnd(EpochSummary summary) {
            assertThat(summary.validation()).isEmpty();
            epochEnds.add(summary.epoch());
          }
        };
    Trainer trainer = trainer(1);
    trainer.fit(small, null, 2, recorder);
    trainer.fit(small, null, 1, recorder); // a second fit continues the numbering
    assertThat(steps).hasSize(12).startsWith(0L, 1L).endsWith(11L);
    assertThat(epochEnds).containsExactly(0, 1, 2);
  }

  @Test
  void stopsBetweenBatchesWhenInterrupted() {
    Trainer trainer = trainer(2);
    List<Long> steps = new ArrayList<>();
    TrainingCallback interruptAtThirdBatch =
        new TrainingCallback() {
          @Override
          public void onBatchEnd(int epoch, int batch, long step, Metrics running) {
            steps.add(step);
            if (step == 2) {
              Thread.currentThread().interrupt();
            }
          }
        };
    assertThatThrownBy(() -> trainer.fit(DATA.train(), null, 1, interruptAtThirdBatch))
        .isInstanceOf(InterruptedException.class);
    assertThat(steps).containsExactly(0L, 1L, 2L);
    assertThat(Thread.interrupted()).isFalse(); // consumed by the exception, as is conventional
  }

  @Test
  void rejectsDataOfTheWrongShape() {
    Dataset tiny = Dataset.of(new float[6], new int[] {0, 1}, 3, 2);
    assertThatThrownBy(() -> trainer(1).fit(tiny, null, 1, new TrainingCallback() {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 features and 2 classes but the model maps 784 inputs to 10 classes");
  }
}
