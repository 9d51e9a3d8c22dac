package dev.runboard.trainer.layers;

import dev.runboard.trainer.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A Keras-style layer: configured by its constructor, built once the input shape is known (which
 * creates its weights), then called on batches. Shapes here exclude the batch axis.
 */
public abstract class Layer {
  private String name;
  private int[] inputShape;
  private int[] outputShape;

  /** Keras's {@code input_shape=...} for the first layer of a model. */
  public Layer inputShape(int... shape) {
    this.inputShape = shape.clone();
    return this;
  }

  /** The declared input shape, or null when it is inferred from the previous layer or the data. */
  public int[] declaredInputShape() {
    return inputShape == null ? null : inputShape.clone();
  }

  public String name() {
    return name;
  }

  /** Set by the model: {@code conv2d}, {@code conv2d_1}, ... as Keras names them. */
  public void setName(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /** Keras's class name, e.g. {@code Conv2D}. */
  public abstract String type();

  public boolean isBuilt() {
    return outputShape != null;
  }

  /** Creates the weights for inputs of {@code shape}, drawing initial values from {@code init}. */
  public final int[] build(int[] shape, SplittableRandom init) {
    if (inputShape != null && !Arrays.equals(inputShape, shape)) {
      throw new IllegalArgumentException(
          "layer " + name + " declares input shape " + Arrays.toString(inputShape)
              + " but receives " + Arrays.toString(shape));
    }
    inputShape = shape.clone();
    outputShape = doBuild(shape.clone(), init);
    return outputShape.clone();
  }

  /** Output shape for {@code inputShape}; creates weights. */
  protected abstract int[] doBuild(int[] inputShape, SplittableRandom init);

  public int[] outputShape() {
    if (outputShape == null) {
      throw new IllegalStateException("layer " + name + " is not built yet");
    }
    return outputShape.clone();
  }

  /** The forward pass on a batch (first axis). */
  public abstract Tensor call(Tensor x, CallContext context);

  /** State tensors in a fixed order; empty for layers without weights. */
  public List<Weight> weights() {
    return List.of();
  }

  public long parameterCount() {
    long count = 0;
    for (Weight w : weights()) {
      count += w.value().size();
    }
    return count;
  }

  /** The constructor arguments, as saved with a model and shown in graphs. */
  public abstract Map<String, String> config();
}
