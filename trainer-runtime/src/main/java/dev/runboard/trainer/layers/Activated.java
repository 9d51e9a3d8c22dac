package dev.runboard.trainer.layers;

import dev.runboard.trainer.tensor.Tensor;

/**
 * A layer ending in an activation that a loss may fuse with: a softmax output trained with
 * cross-entropy is computed from the logits instead (stable, and a simpler gradient).
 */
public interface Activated {
  Activation activation();

  /** The forward pass without the final activation. */
  Tensor callLinear(Tensor x, CallContext context);
}
