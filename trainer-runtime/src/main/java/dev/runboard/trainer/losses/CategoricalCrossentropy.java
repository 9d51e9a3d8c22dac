package dev.runboard.trainer.losses;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.ops.CategoricalCrossEntropy;
import dev.runboard.trainer.ops.SoftmaxCrossEntropy;
import dev.runboard.trainer.tensor.Tensor;

/** Cross-entropy against one-hot (or soft) target rows. */
public final class CategoricalCrossentropy implements Loss {
  @Override
  public String name() {
    return "categorical_crossentropy";
  }

  @Override
  public Tensor compute(Backend backend, Tensor predictions, Tensor targets) {
    return CategoricalCrossEntropy.apply(predictions, targets);
  }

  @Override
  public boolean fusesWithSoftmax() {
    return true;
  }

  @Override
  public Tensor computeFromLogits(Backend backend, Tensor logits, Tensor targets) {
    return SoftmaxCrossEntropy.dense(backend, logits, targets);
  }
}
