package dev.runboard.trainer.nn;

import java.util.Objects;

/**
 * A trainable tensor, flattened: its values and the gradient of the loss with respect to them, as
 * left by the most recent backward pass. The arrays are shared on purpose: layers write the
 * gradient, the optimizer updates the values in place, without copies.
 */
public final class Parameter {
  private final String name;
  private final float[] values;
  private final float[] gradients;

  public Parameter(String name, int size) {
    this.name = Objects.requireNonNull(name, "name");
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1, was " + size);
    }
    this.values = new float[size];
    this.gradients = new float[size];
  }

  public String name() {
    return name;
  }

  public int size() {
    return values.length;
  }

  /** The live values (not a copy). */
  public float[] values() {
    return values;
  }

  /** The live gradient (not a copy). */
  public float[] gradients() {
    return gradients;
  }

  @Override
  public String toString() {
    return name + "[" + values.length + "]";
  }
}
