package dev.runboard.trainer.layers;

import dev.runboard.trainer.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;

/** Flattens each example to one axis. */
public final class Flatten extends Layer {
  @Override
  public String type() {
    return "Flatten";
  }

  @Override
  protected int[] doBuild(int[] inputShape, SplittableRandom init) {
    return new int[] {Tensor.sizeOf(inputShape)};
  }

  @Override
  public Tensor call(Tensor x, CallContext context) {
    return dev.runboard.trainer.ops.Flatten.apply(x);
  }

  @Override
  public Map<String, String> config() {
    return Map.of();
  }
}
