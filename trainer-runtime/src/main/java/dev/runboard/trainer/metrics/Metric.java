package dev.runboard.trainer.metrics;

import dev.runboard.trainer.tensor.Tensor;

/** A quality measure accumulated over batches, like a Keras metric: update, result, reset. */
public interface Metric {
  String name();

  void update(Tensor predictions, Tensor targets);

  double result();

  void reset();
}
