package dev.runboard.trainer.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.trainer.data.Dataset;
import dev.runboard.trainer.data.SyntheticDataset;
import dev.runboard.trainer.layers.Dense;
import dev.runboard.trainer.layers.Flatten;
import dev.runboard.trainer.model.FitOptions;
import dev.runboard.trainer.model.History;
import dev.runboard.trainer.model.Sequential;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallbacksTest {
  @TempDir Path dir;

  /**
   * Puts a scripted {@code val_loss} into a real fit's epoch logs (it runs before the callbacks
   * under test) and remembers the weights at each epoch's end.
   */
  private static final class ScriptedValidation implements Callback {
    private final double[] losses;
    final List<List<float[]>> weightsAtEpochEnd = new ArrayList<>();
    private Sequential model;

    ScriptedValidation(double... losses) {
      this.losses = losses;
    }

    @Override
    public void setModel(Sequential model) {
      this.model = model;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
      logs.put("val_loss", losses[epoch]);
      weightsAtEpochEnd.add(model.getWeights());
    }
  }

  @Test
  void earlyStoppingStopsAfterPatienceAndRestoresTheBestWeights() throws Exception {
    Sequential model = model();
    ScriptedValidation script = new ScriptedValidation(1.0, 0.5, 0.7, 0.6, 0.8, 0.9, 0.1);
    EarlyStopping stopping = new EarlyStopping("val_loss", 3, true);
    Dataset data = data();
    History history =
        model.fit(data.x(28, 28, 1), data.y(),
            FitOptions.fit().epochs(7).batchSize(40).verbose(0).callbacks(script, stopping));
    // Best at epoch 1 (0.5); epochs 2, 3, 4 do not improve; patience 3 is exhausted at epoch 4.
    assertThat(history.epochs()).isEqualTo(5);
    assertThat(stopping.stoppedEpoch()).isEqualTo(4);
    assertThat(stopping.bestEpoch()).isEqualTo(1);
    List<float[]> best = script.weightsAtEpochEnd.get(1);
    List<float[]> last = script.weightsAtEpochEnd.get(4);
    assertThat(last.get(0)).isNotEqualTo(best.get(0)); // training did move on after the best epoch
    for (int i = 0; i < best.size(); i++) {
      assertThat(model.getWeights().get(i)).containsExactly(best.get(i));
    }
  }

  @Test
  void earlyStoppingWithoutRestoreKeepsTheLastWeights() throws Exception {
    Sequential model = model();
    ScriptedValidation script = new ScriptedValidation(1.0, 1.1, 1.2);
    Dataset data = data();
    model.fit(data.x(28, 28, 1), data.y(),
        FitOptions.fit().epochs(3).batchSize(40).verbose(0)
            .callbacks(script, new EarlyStopping("val_loss", 1, false)));
    // Patience 1: epoch 1 does not improve, training stops there with its weights.
    assertThat(script.weightsAtEpochEnd).hasSize(2);
    assertThat(model.getWeights().get(0)).containsExactly(script.weightsAtEpochEnd.get(1).get(0));
  }

  @Test
  void modelCheckpointWritesOnlyImprovements() throws Exception {
    Sequential model = model();
    Path file = dir.resolve("best_model.rbmodel");
    ScriptedValidation script = new ScriptedValidation(1.0, 0.8, 0.9, 0.7, 0.75);
    ModelCheckpoint checkpoint = new ModelCheckpoint(file, true);
    Dataset data = data();
    model.fit(data.x(28, 28, 1), data.y(),
        FitOptions.fit().epochs(5).batchSize(40).verbose(0).callbacks(script, checkpoint));
    assertThat(checkpoint.saves()).isEqualTo(3); // epochs 0, 1 and 3 improved
    // The file holds the model of epoch 3, the best one, not that of the later epoch 4.
    Sequential saved = Sequential.load(file);
    List<float[]> best = script.weightsAtEpochEnd.get(3);
    for (int i = 0; i < best.size(); i++) {
      assertThat(saved.getWeights().get(i)).containsExactly(best.get(i));
    }
    assertThat(saved.getWeights().get(0)).isNotEqualTo(script.weightsAtEpochEnd.get(4).get(0));
  }

  private static Sequential model() {
    Sequential model =
        new Sequential(new Flatten().inputShape(28, 28, 1), new Dense(16, "relu"), new Dense(10, "softmax"));
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    return model;
  }

  private static Dataset data() {
    return SyntheticDataset.generate(200, 10, 2).train();
  }

  @Test
  void aBatchCallbackCanStopTrainingMidEpoch() throws Exception {
    Sequential model = model();
    List<Integer> batches = new ArrayList<>();
    List<Integer> epochsEnded = new ArrayList<>();
    Callback stopper =
        new Callback() {
          private Sequential m;

          @Override
          public void setModel(Sequential model) {
            m = model;
          }

          @Override
          public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
            batches.add(batch);
            if (batch == 2) {
              m.stopTraining();
            }
          }

          @Override
          public void onEpochEnd(int epoch, Map<String, Double> logs) {
            epochsEnded.add(epoch);
          }
        };
    Dataset data = data();
    History history =
        model.fit(data.x(28, 28, 1), data.y(), FitOptions.fit().epochs(3).batchSize(20).verbose(0).callbacks(stopper));
    assertThat(batches).containsExactly(0, 1, 2);
    assertThat(epochsEnded).containsExactly(0);
    assertThat(history.epochs()).isEqualTo(1);
  }
}
