package dev.runboard.trainer.ops;

import dev.runboard.trainer.tensor.Tensor;
import java.util.function.Function;

/** Opens the package-private {@link GradientChecker} to the layer tests. */
public final class GradientCheckerAccess {
  private GradientCheckerAccess() {}

  public static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
    GradientChecker.check(f, inputs);
  }

  public static Tensor variable(long seed, int... shape) {
    return GradientChecker.variable(seed, shape);
  }
}
