package dev.runboard.trainer.losses;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.tensor.Tensor;

/** Mean squared error. */
public final class MeanSquaredError implements Loss {
  @Override
  public String name() {
    return "mean_squared_error";
  }

  @Override
  public Tensor compute(Backend backend, Tensor predictions, Tensor targets) {
    return dev.runboard.trainer.ops.MeanSquaredError.apply(predictions, targets);
  }
}
