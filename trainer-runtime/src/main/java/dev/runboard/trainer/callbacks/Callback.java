package dev.runboard.trainer.callbacks;

import dev.runboard.trainer.model.Sequential;
import java.util.Map;

/**
 * Hooks into {@link Sequential#fit}, like {@code keras.callbacks.Callback}. All methods run on the
 * training thread in the order of the callback list; an exception stops training. {@code logs}
 * maps Keras's names ({@code loss}, {@code accuracy}, {@code val_loss}, ...) to values; for
 * batches they are the running means of the epoch so far, as in Keras.
 */
public interface Callback {
  /** Called once before {@link #onTrainBegin}, with the model being trained. */
  default void setModel(Sequential model) {}

  default void onTrainBegin(FitParams params) {}

  /** @param epoch 0-based */
  default void onEpochBegin(int epoch) {}

  /** @param batch 0-based index within the epoch */
  default void onTrainBatchBegin(int batch) {}

  default void onTrainBatchEnd(int batch, Map<String, Double> logs) {}

  /** After validation; {@code logs} holds the epoch's training and validation metrics. */
  default void onEpochEnd(int epoch, Map<String, Double> logs) {}

  /** Also called when training stops early or fails part-way (then with the last epoch's logs). */
  default void onTrainEnd(Map<String, Double> logs) {}
}
