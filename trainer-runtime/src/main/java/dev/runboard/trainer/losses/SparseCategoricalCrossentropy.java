package dev.runboard.trainer.losses;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.ops.CategoricalCrossEntropy;
import dev.runboard.trainer.ops.SoftmaxCrossEntropy;
import dev.runboard.trainer.tensor.Tensor;

/** Cross-entropy against integer class labels (stored as floats, one per example). */
public final class SparseCategoricalCrossentropy implements Loss {
  @Override
  public String name() {
    return "sparse_categorical_crossentropy";
  }

  @Override
  public Tensor compute(Backend backend, Tensor predictions, Tensor targets) {
    return CategoricalCrossEntropy.sparse(predictions, targets);
  }

  @Override
  public boolean fusesWithSoftmax() {
    return true;
  }

  @Override
  public Tensor computeFromLogits(Backend backend, Tensor logits, Tensor targets) {
    return SoftmaxCrossEntropy.sparse(backend, logits, targets);
  }
}
