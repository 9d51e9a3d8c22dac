package dev.runboard.trainer.callbacks;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.trainer.fit.EpochSummary;
import dev.runboard.trainer.fit.Metrics;
import dev.runboard.trainer.fit.TrainingCallback;
import java.util.Objects;

/**
 * Logs scalars the way Keras's TensorBoard callback (with {@code update_freq="batch"}) does, so
 * dashboards built for Keras runs read ours unchanged:
 *
 * <ul>
 *   <li>{@code train}: {@code batch_loss}, {@code batch_accuracy} per batch at the global batch
 *       index (the running means of the epoch so far, which is what Keras's batch logs hold);
 *       {@code epoch_loss}, {@code epoch_accuracy}, {@code epoch_learning_rate} per epoch;
 *   <li>{@code validation}: {@code epoch_loss}, {@code epoch_accuracy} per epoch.
 * </ul>
 *
 * Epoch steps are 0-based epoch indices. The writers are the caller's to close.
 */
public final class ScalarLogCallback implements TrainingCallback {
  public static final String TRAIN_RUN = "train";
  public static final String VALIDATION_RUN = "validation";

  public static final String BATCH_LOSS = "batch_loss";
  public static final String BATCH_ACCURACY = "batch_accuracy";
  public static final String EPOCH_LOSS = "epoch_loss";
  public static final String EPOCH_ACCURACY = "epoch_accuracy";
  public static final String EPOCH_LEARNING_RATE = "epoch_learning_rate";

  private final EventLogWriter train;
  private final EventLogWriter validation;

  /**
   * @param train      writer in the run's {@code train} subdirectory
   * @param validation writer in its {@code validation} subdirectory; null when there is no
   *     validation set (epochs with validation metrics then fail)
   */
  public ScalarLogCallback(EventLogWriter train, EventLogWriter validation) {
    this.train = Objects.requireNonNull(train, "train");
    this.validation = validation;
  }

  @Override
  public void onBatchEnd(int epoch, int batch, long step, Metrics running) {
    train.scalar(BATCH_LOSS, step, running.loss());
    train.scalar(BATCH_ACCURACY, step, running.accuracy());
  }

  @Override
  public void onEpochEnd(EpochSummary summary) {
    long step = summary.epoch();
    train.scalar(EPOCH_LOSS, step, summary.train().loss());
    train.scalar(EPOCH_ACCURACY, step, summary.train().accuracy());
    train.scalar(EPOCH_LEARNING_RATE, step, summary.learningRate());
    if (summary.validation().isPresent()) {
      if (validation == null) {
        throw new IllegalStateException("epoch has validation metrics but no validation writer");
      }
      Metrics metrics = summary.validation().get();
      validation.scalar(EPOCH_LOSS, step, metrics.loss());
      validation.scalar(EPOCH_ACCURACY, step, metrics.accuracy());
    }
  }
}
