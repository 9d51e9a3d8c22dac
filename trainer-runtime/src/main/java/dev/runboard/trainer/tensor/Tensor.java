package dev.runboard.trainer.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A float32 array with a shape (row-major) and, when it takes part in a gradient computation, the
 * op that produced it. Calling {@link #backward()} on a scalar result runs every producing op's
 * backward rule once, in reverse topological order (reverse-mode autodiff), accumulating
 * gradients into {@link #grad()} of every tensor that {@link #requiresGrad()}.
 *
 * <p>Tensors do not copy what they are given: {@link #of} wraps the array.
 */
public final class Tensor {
  private final float[] data;
  private final int[] shape;
  private final boolean requiresGrad;
  private final Tensor[] inputs;
  private final BackwardRule rule;
  private float[] grad;

  private Tensor(float[] data, int[] shape, boolean requiresGrad, Tensor[] inputs, BackwardRule rule) {
    long size = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      size *= d;
    }
    if (size != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " holds " + size + " values, data has " + data.length);
    }
    this.data = data;
    this.shape = shape.clone();
    this.requiresGrad = requiresGrad;
    this.inputs = inputs;
    this.rule = rule;
  }

  /** Wraps {@code data} (no copy) as a constant: no gradient flows into it. */
  public static Tensor of(float[] data, int... shape) {
    return new Tensor(data, shape, false, new Tensor[0], null);
  }

  public static Tensor zeros(int... shape) {
    return of(new float[sizeOf(shape)], shape);
  }

  /** A trainable leaf: gradients accumulate into it. */
  public static Tensor variable(float[] data, int... shape) {
    return new Tensor(data, shape, true, new Tensor[0], null);
  }

  /**
   * The output of an op. It requires a gradient when any input does; then {@code rule} runs during
   * {@link #backward()} with this tensor's gradient and must add into the inputs' gradients (via
   * {@link #gradBuffer()}, only for inputs that {@link #requiresGrad()}).
   */
  public static Tensor result(float[] data, int[] shape, BackwardRule rule, Tensor... inputs) {
    boolean needsGrad = false;
    for (Tensor input : inputs) {
      needsGrad |= input.requiresGrad;
    }
    return needsGrad
        ? new Tensor(data, shape, true, inputs, Objects.requireNonNull(rule, "rule"))
        : new Tensor(data, shape, false, new Tensor[0], null);
  }

  public static int sizeOf(int... shape) {
    long size = 1;
    for (int d : shape) {
      size *= d;
    }
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
    }
    return (int) size;
  }

  /** The values, row-major; shared, not copied. */
  public float[] data() {
    return data;
  }

  public int[] shape() {
    return shape.clone();
  }

  public int dim(int axis) {
    return shape[axis < 0 ? shape.length + axis : axis];
  }

  public int rank() {
    return shape.length;
  }

  public int size() {
    return data.length;
  }

  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** The accumulated gradient, or null when none has been computed since {@link #zeroGrad()}. */
  public float[] grad() {
    return grad;
  }

  /**
   * The gradient array, allocated (zeroed) on first use; backward rules add into it. An op
   * result's gradient lives only during {@link #backward()}, so it comes from the {@link
   * Workspace}; a leaf's is its own.
   */
  public float[] gradBuffer() {
    if (grad == null) {
      grad = rule != null ? Workspace.zeros(data.length) : new float[data.length];
    }
    return grad;
  }

  /**
   * Adds {@code gradient} into this tensor's gradient. When this is an op result that has no
   * gradient yet, the array itself is adopted instead of copied: a backward rule may pass its own
   * output gradient (or a scratch array) here, as its last use of that array, and must not touch
   * it afterwards.
   */
  public void accumulateGradient(float[] gradient) {
    if (gradient.length != data.length) {
      throw new IllegalArgumentException(gradient.length + " gradient values for " + this);
    }
    if (grad == null && rule != null) {
      grad = gradient;
      return;
    }
    float[] target = gradBuffer();
    for (int i = 0; i < gradient.length; i++) {
      target[i] += gradient[i];
    }
  }

  /** Forgets the gradient; a trainable leaf keeps its array for reuse but zeroes it. */
  public void zeroGrad() {
    if (grad != null) {
      Arrays.fill(grad, 0f);
    }
  }

  public float item() {
    if (data.length != 1) {
      throw new IllegalStateException("item() needs a single value, shape is " + Arrays.toString(shape));
    }
    return data[0];
  }

  /** A tensor of another shape over the same values; gradients flow through unchanged. */
  public Tensor reshape(int... newShape) {
    if (sizeOf(newShape) != data.length) {
      throw new IllegalArgumentException(
          "cannot reshape " + Arrays.toString(shape) + " to " + Arrays.toString(newShape));
    }
    Tensor self = this;
    return result(data, newShape, self::accumulateGradient, this);
  }

  /**
   * Back-propagates from this scalar: seeds its gradient with 1 and runs every rule behind it once.
   * Intermediate gradients are dropped as soon as their rule has run.
   */
  public void backward() {
    if (data.length != 1) {
      throw new IllegalStateException("backward() starts from a scalar, shape is " + Arrays.toString(shape));
    }
    if (!requiresGrad) {
      throw new IllegalStateException("nothing to differentiate: no input requires a gradient");
    }
    List<Tensor> order = topologicalOrder();
    gradBuffer()[0] += 1f;
    for (int i = order.size() - 1; i >= 0; i--) {
      Tensor t = order.get(i);
      if (t.rule != null && t.grad != null) {
        t.rule.apply(t.grad);
        t.grad = null; // an intermediate result: its gradient is consumed
      }
    }
  }

  /** Producers before consumers; iterative so that deep graphs cannot overflow the stack. */
  private List<Tensor> topologicalOrder() {
    List<Tensor> order = new ArrayList<>();
    Set<Tensor> visited = new HashSet<>();
    Deque<Tensor> stack = new ArrayDeque<>();
    Deque<Integer> next = new ArrayDeque<>();
    stack.push(this);
    next.push(0);
    visited.add(this);
    while (!stack.isEmpty()) {
      Tensor t = stack.peek();
      int i = next.pop();
      if (i < t.inputs.length) {
        next.push(i + 1);
        Tensor input = t.inputs[i];
        if (input.requiresGrad && visited.add(input)) {
          stack.push(input);
          next.push(0);
        }
      } else {
        stack.pop();
        order.add(t);
      }
    }
    return order;
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape);
  }

  /** The local backward rule of the op that produced a tensor. */
  @FunctionalInterface
  public interface BackwardRule {
    /** Adds the inputs' gradient contributions given this output's gradient. */
    void apply(float[] outputGradient);
  }
}
