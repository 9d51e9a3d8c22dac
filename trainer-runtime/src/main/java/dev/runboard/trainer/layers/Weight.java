package dev.runboard.trainer.layers;

import dev.runboard.trainer.tensor.Tensor;
import java.util.Objects;

/**
 * A named state tensor of a layer: {@code kernel}, {@code bias}, {@code gamma}, ... Trainable ones
 * receive gradients and optimizer updates; the others (batch-norm moving statistics) are updated
 * by their layer and still saved with the model.
 */
public record Weight(String name, Tensor value, boolean trainable) {
  public Weight {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
