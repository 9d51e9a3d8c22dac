package dev.runboard.trainer.optimizers;

import dev.runboard.trainer.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies gradients to trainable tensors, one step per batch. Per-tensor state (moments,
 * velocities) is created on first sight of a tensor and kept across steps.
 */
public abstract class Optimizer {
  private final LearningRateSchedule schedule;
  private final Map<Tensor, float[][]> slots = new IdentityHashMap<>();
  private long iterations;

  protected Optimizer(LearningRateSchedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /** Keras's name, e.g. {@code adam}. */
  public abstract String name();

  /** Hyperparameters worth logging, besides the learning rate. */
  public abstract Map<String, Object> hyperparameters();

  /** Steps applied so far (Keras's {@code optimizer.iterations}). */
  public long iterations() {
    return iterations;
  }

  /** The rate the next step uses. */
  public double learningRate() {
    return schedule.at(iterations);
  }

  /** One update of every variable that has a gradient; then the step count advances. */
  public void apply(List<Tensor> variables) {
    float lr = (float) learningRate();
    long step = iterations + 1;
    for (Tensor variable : variables) {
      float[] grad = variable.grad();
      if (grad == null) {
        continue;
      }
      float[][] state = slots.computeIfAbsent(variable, v -> newSlots(v.size()));
      update(variable.data(), grad, state, lr, step);
    }
    iterations = step;
  }

  /** Per-variable state arrays, all of the variable's size. */
  protected abstract float[][] newSlots(int size);

  /**
   * Updates {@code weights} in place.
   *
   * @param step 1-based step number (for Adam's bias correction)
   */
  protected abstract void update(float[] weights, float[] grad, float[][] slots, float lr, long step);
}
