package dev.runboard.trainer.ops;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;

/** Adds {@code bias[c]} along the last axis of {@code x} (dense rows or NHWC pixels). */
public final class BiasAdd {
  private BiasAdd() {}

  public static Tensor apply(Backend backend, Tensor x, Tensor bias) {
    int channels = x.dim(-1);
    if (bias.rank() != 1 || bias.dim(0) != channels) {
      throw new IllegalArgumentException("bias " + bias + " does not match the last axis of " + x);
    }
    int rows = x.size() / channels;
    float[] out = Workspace.floats(x.size());
    backend.addBias(x.data(), out, rows, bias.data());
    return Tensor.result(out, x.shape(), g -> {
      if (bias.requiresGrad()) {
        backend.addColumnSums(g, rows, channels, bias.gradBuffer());
      }
      if (x.requiresGrad()) {
        x.accumulateGradient(g); // the identity's gradient, passed on without a copy; last use of g
      }
    }, x, bias);
  }
}
