package dev.runboard.trainer.optimizers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An optimizer's progress, as a model file stores it for resuming: the step count (which also
 * positions the learning-rate schedule) and each variable's state arrays.
 *
 * @param iterations steps applied so far
 * @param slots      per trainable variable, in the model's order: its state arrays (Adam's first
 *     and second moments, SGD's velocity), or null when the optimizer has not updated it yet
 */
public record OptimizerState(long iterations, List<float[][]> slots) {
  public OptimizerState {
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations must not be negative, was " + iterations);
    }
    slots = Collections.unmodifiableList(new ArrayList<>(slots)); // null entries allowed
  }
}
