package dev.runboard.hparams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.logdir.SyncLogdir;
import dev.runboard.plugin.hparams.HParamImportance;
import dev.runboard.plugin.hparams.MetricAggregation;
import dev.runboard.plugin.hparams.Session;
import dev.runboard.plugin.hparams.SessionTable;
import dev.runboard.plugin.hparams.SessionTableReader;
import dev.runboard.trainer.DemoSweep;
import dev.runboard.trainer.TrainingConfig;
import dev.runboard.trainer.data.SyntheticDataset;
import dev.runboard.trainer.data.TrainTestData;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sweep in Java: six short trainings over learning rate x batch size, logged by the
 * trainer's {@code RunboardLogger}, make a six-row table whose metrics are exactly what training
 * reported (the trainer's own {@code History}, not the logs).
 */
class HParamsSweepTest {
  @TempDir Path logdir;

  @Test
  void sixTrainingsMakeSixSessionsWhoseMetricsAreTheLastEpochValues() throws Exception {
    TrainTestData data = SyntheticDataset.generate(600, 100, 3);
    TrainingConfig base = TrainingConfig.defaults().withModel(TrainingConfig.MLP).withEpochs(2).withSeed(5);
    List<DemoSweep.Point> points = DemoSweep.grid(new double[] {0.0005, 0.005, 0.05}, new int[] {32, 100}, new double[] {0.1});
    List<DemoSweep.Result> results = DemoSweep.run(
        logdir.resolve("sweep"), points, base, data, new PrintStream(OutputStream.nullOutputStream()));

    try (SyncLogdir index = new SyncLogdir(logdir).refresh()) {
      SessionTable last = SessionTableReader.read(index.index, MetricAggregation.LAST);
      SessionTable max = SessionTableReader.read(index.index, MetricAggregation.MAX);
      assertThat(last.sessions()).hasSize(6);
      assertThat(last.metrics()).extracting(m -> m.key()).contains("train/epoch_accuracy", "validation/epoch_accuracy", "train/epoch_loss");
      for (DemoSweep.Result result : results) {
        String run = "sweep/" + result.point().runName();
        Session session = last.sessions().stream().filter(s -> s.run().equals(run)).findFirst().orElseThrow();
        assertThat(session.sessionRun()).isEqualTo(run + "/train");
        assertThat(session.runs()).containsExactly(run + "/train", run + "/validation");
        assertThat(session.status()).isEqualTo("success");
        assertThat(session.hparams()).containsEntry("learning_rate", result.point().learningRate())
            .containsEntry("batch_size", (double) result.point().batchSize())
            .containsEntry("dropout", 0.1);
        List<Double> accuracy = result.history().get("accuracy");
        List<Double> validation = result.history().get("val_accuracy");
        assertThat(session.metrics().get("train/epoch_accuracy").value()).isEqualTo(accuracy.get(accuracy.size() - 1));
        assertThat(session.metrics().get("train/epoch_accuracy").step()).isEqualTo(accuracy.size() - 1);
        assertThat(session.metrics().get("validation/epoch_accuracy").value()).isEqualTo(validation.get(validation.size() - 1));
        Session best = max.sessions().stream().filter(s -> s.run().equals(run)).findFirst().orElseThrow();
        assertThat(best.metrics().get("validation/epoch_accuracy").value()).isEqualTo(Collections.max(validation));
      }
      assertThat(last.hparam("learning_rate").orElseThrow().differs()).isTrue();
      assertThat(last.hparam("batch_size").orElseThrow().type()).isEqualTo("int");
      assertThat(last.hparam("batch_size").orElseThrow().values()).containsExactly(32.0, 100.0);
      assertThat(last.hparam("optimizer").orElseThrow().differs()).isFalse();
      // Six sessions are enough to ask which hparam matters; learning rate and batch size are the
      // only ones that differ.
      HParamImportance.Result importance = HParamImportance.compute(last, "validation/epoch_accuracy", 1);
      assertThat(importance.sessions()).isEqualTo(6);
      assertThat(importance.entries()).extracting(HParamImportance.Entry::hparam)
          .containsExactlyInAnyOrder("learning_rate", "batch_size");
    }
  }
}
