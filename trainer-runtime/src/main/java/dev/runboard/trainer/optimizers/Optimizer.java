package dev.runboard.trainer.optimizers;

import dev.runboard.trainer.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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

  /**
   * Hyperparameters besides the learning rate: logged, and saved with a model ({@link #config()}),
   * so doubles and booleans only.
   */
  public abstract Map<String, Object> hyperparameters();

  public LearningRateSchedule schedule() {
    return schedule;
  }

  /**
   * What {@link Optimizers#fromConfig} needs to recreate this optimizer: {@code name}, the
   * {@link #hyperparameters()} and the schedule's settings under {@code learning_rate.}; null when
   * the schedule cannot be described (a custom {@link LearningRateSchedule}).
   */
  public final Map<String, String> config() {
    Map<String, String> scheduleConfig = schedule.config();
    if (scheduleConfig == null) {
      return null;
    }
    Map<String, String> config = new LinkedHashMap<>();
    config.put("name", name());
    hyperparameters().forEach((k, v) -> config.put(k, String.valueOf(v)));
    scheduleConfig.forEach((k, v) -> config.put("learning_rate." + k, v));
    return config;
  }

  /** State arrays per variable (Adam: 2, the moments; SGD: 1, the velocity). */
  public final int slotsPerVariable() {
    return newSlots(0).length;
  }

  /**
   * A copy of the step count and of every variable's state, in the order of {@code variables}
   * (an entry is null for a variable the optimizer has not updated yet).
   */
  public OptimizerState state(List<Tensor> variables) {
    List<float[][]> copies = new ArrayList<>();
    for (Tensor variable : variables) {
      float[][] state = slots.get(variable);
      if (state == null) {
        copies.add(null);
      } else {
        float[][] copy = new float[state.length][];
        for (int i = 0; i < state.length; i++) {
          copy[i] = state[i].clone();
        }
        copies.add(copy);
      }
    }
    return new OptimizerState(iterations, copies);
  }

  /**
   * Continues from {@code state} (as {@link #state} returned it for the same variables, possibly
   * of another model instance): the next step is exactly the one the saved optimizer would have
   * taken.
   */
  public void restore(OptimizerState state, List<Tensor> variables) {
    if (state.slots().size() != variables.size()) {
      throw new IllegalArgumentException(
          "optimizer state for " + state.slots().size() + " variables, the model has " + variables.size());
    }
    int perVariable = slotsPerVariable();
    Map<Tensor, float[][]> restored = new IdentityHashMap<>();
    for (int v = 0; v < variables.size(); v++) {
      float[][] saved = state.slots().get(v);
      if (saved == null) {
        continue;
      }
      if (saved.length != perVariable) {
        throw new IllegalArgumentException(
            name() + " keeps " + perVariable + " arrays per variable, the state has " + saved.length);
      }
      float[][] copy = new float[perVariable][];
      for (int i = 0; i < perVariable; i++) {
        if (saved[i].length != variables.get(v).size()) {
          throw new IllegalArgumentException(
              "optimizer state of variable " + v + " has " + saved[i].length + " values, the variable "
                  + variables.get(v).size());
        }
        copy[i] = saved[i].clone();
      }
      restored.put(variables.get(v), copy);
    }
    slots.clear();
    slots.putAll(restored);
    iterations = state.iterations();
  }

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
