package dev.runboard.trainer.model;

import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;

/** Gathers examples (rows along the first axis) of a tensor into a batch tensor. */
final class Batches {
  private Batches() {}

  static Tensor gather(Tensor source, int[] order, int start, int count) {
    int perExample = source.size() / source.dim(0);
    float[] data = Workspace.floats(count * perExample);
    float[] from = source.data();
    for (int i = 0; i < count; i++) {
      System.arraycopy(from, order[start + i] * perExample, data, i * perExample, perExample);
    }
    int[] shape = source.shape();
    shape[0] = count;
    return Tensor.of(data, shape);
  }

  static Tensor slice(Tensor source, int start, int count) {
    int perExample = source.size() / source.dim(0);
    int[] shape = source.shape();
    shape[0] = count;
    float[] data = Workspace.floats(count * perExample);
    System.arraycopy(source.data(), start * perExample, data, 0, data.length);
    return Tensor.of(data, shape);
  }

  static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }
}
