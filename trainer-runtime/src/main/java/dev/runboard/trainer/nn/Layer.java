package dev.runboard.trainer.nn;

import java.util.List;

/**
 * One differentiable step of a network, working on a whole batch at once. Batches are row-major
 * {@code float[]}s of which only the first {@code batchSize * size} entries count, so callers can
 * reuse one buffer for a smaller last batch.
 *
 * <p>Layers own and reuse their output buffers: an array returned by {@code forward} or {@code
 * backward} stays valid until the next call of the same method. {@code forward} keeps a reference
 * to its input for {@code backward}, so the caller must not change it in between.
 */
public interface Layer {
  int inputSize();

  int outputSize();

  /** Computes the outputs of a batch of {@code batchSize} inputs. */
  float[] forward(float[] input, int batchSize);

  /**
   * Given the loss gradient with respect to the outputs of the last {@code forward}, overwrites the
   * gradients of this layer's parameters and returns the gradient with respect to its inputs, or
   * null when {@code needInputGradient} is false (the first layer: nobody needs it, and for the
   * 784-wide input it would be the most expensive product of the whole step).
   */
  float[] backward(float[] outputGradient, int batchSize, boolean needInputGradient);

  /** The trainable parameters, in a stable order. */
  default List<Parameter> parameters() {
    return List.of();
  }
}
