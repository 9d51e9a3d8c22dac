package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;
import dev.runboard.trainer.random.SplitMixRandom;

/**
 * Inverted dropout: zeroes each value with probability {@code rate} and scales the survivors by
 * {@code 1 / (1 - rate)}, so that inference needs no rescaling. The mask is drawn from {@code
 * random} sequentially, keeping runs reproducible for a seed.
 */
public final class Dropout {
  private Dropout() {}

  public static Tensor apply(Backend backend, Tensor x, double rate, SplitMixRandom random) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1), was " + rate);
    }
    float[] in = x.data();
    float[] mask = Workspace.floats(in.length);
    float keepScale = (float) (1.0 / (1.0 - rate));
    for (int i = 0; i < mask.length; i++) {
      mask[i] = random.nextDouble() < rate ? 0f : keepScale;
    }
    return Multiply.byConstant(backend, x, mask);
  }
}
