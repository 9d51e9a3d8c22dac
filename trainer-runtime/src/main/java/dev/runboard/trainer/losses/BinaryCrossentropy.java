package dev.runboard.trainer.losses;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.ops.BinaryCrossEntropy;
import dev.runboard.trainer.tensor.Tensor;

/** Binary cross-entropy of probabilities (a sigmoid output) against 0/1 targets. */
public final class BinaryCrossentropy implements Loss {
  @Override
  public String name() {
    return "binary_crossentropy";
  }

  @Override
  public Tensor compute(Backend backend, Tensor predictions, Tensor targets) {
    return BinaryCrossEntropy.apply(predictions, targets);
  }
}
