package dev.runboard.trainer.layers;

import dev.runboard.trainer.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;

/** Keras's {@code Dropout(rate)}: active in training only. */
public final class Dropout extends Layer {
  private final double rate;

  public Dropout(double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1), was " + rate);
    }
    this.rate = rate;
  }

  @Override
  public String type() {
    return "Dropout";
  }

  @Override
  protected int[] doBuild(int[] inputShape, SplittableRandom init) {
    return inputShape;
  }

  @Override
  public Tensor call(Tensor x, CallContext context) {
    if (!context.training() || rate == 0) {
      return x;
    }
    return dev.runboard.trainer.ops.Dropout.apply(context.backend(), x, rate, context.random());
  }

  @Override
  public Map<String, String> config() {
    return Map.of("rate", Double.toString(rate));
  }
}
