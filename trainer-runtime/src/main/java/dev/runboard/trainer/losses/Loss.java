package dev.runboard.trainer.losses;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.tensor.Tensor;

/** A training objective: the batch mean of a per-example loss, as a differentiable scalar. */
public interface Loss {
  /** Keras's name, e.g. {@code sparse_categorical_crossentropy}. */
  String name();

  /** The loss of {@code predictions} (the model's outputs) against {@code targets}. */
  Tensor compute(Backend backend, Tensor predictions, Tensor targets);

  /** Whether {@link #computeFromLogits} can replace a softmax followed by {@link #compute}. */
  default boolean fusesWithSoftmax() {
    return false;
  }

  /** The loss of {@code softmax(logits)}, computed stably from the logits. */
  default Tensor computeFromLogits(Backend backend, Tensor logits, Tensor targets) {
    throw new UnsupportedOperationException(name() + " does not fuse with softmax");
  }
}
