package dev.runboard.trainer.fit;

import java.util.List;

/**
 * Hooks into {@link Trainer#fit}, like Keras callbacks. Called on the training thread; a callback
 * that throws stops training with that exception.
 */
public interface TrainingCallback {
  /**
   * @param epoch          0-based index of the epoch about to start
   * @param epochs         total epochs of this fit, counting earlier fits on the same trainer
   * @param stepsPerEpoch  batches per epoch
   */
  default void onEpochBegin(int epoch, int epochs, int stepsPerEpoch) {}

  /**
   * @param epoch   0-based epoch index
   * @param batch   0-based batch index within the epoch
   * @param step    0-based batch index over all epochs
   * @param running loss and accuracy averaged over the epoch's batches so far, as Keras reports
   */
  default void onBatchEnd(int epoch, int batch, long step, Metrics running) {}

  default void onEpochEnd(EpochSummary summary) {}

  /** Calls each of {@code callbacks} in order. */
  static TrainingCallback all(TrainingCallback... callbacks) {
    List<TrainingCallback> list = List.of(callbacks);
    return new TrainingCallback() {
      @Override
      public void onEpochBegin(int epoch, int epochs, int stepsPerEpoch) {
        for (TrainingCallback callback : list) {
          callback.onEpochBegin(epoch, epochs, stepsPerEpoch);
        }
      }

      @Override
      public void onBatchEnd(int epoch, int batch, long step, Metrics running) {
        for (TrainingCallback callback : list) {
          callback.onBatchEnd(epoch, batch, step, running);
        }
      }

      @Override
      public void onEpochEnd(EpochSummary summary) {
        for (TrainingCallback callback : list) {
          callback.onEpochEnd(summary);
        }
      }
    };
  }
}
