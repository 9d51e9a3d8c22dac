package dev.runboard.trainer.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Keras-{@code Sequential}-like stack of layers whose last layer emits logits (the softmax lives
 * in {@link SoftmaxCrossEntropy}). Forward and backward simply chain the layers' own rules.
 */
public final class Mlp {
  private final List<Layer> layers;
  private final List<Parameter> parameters;

  public Mlp(List<Layer> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("an Mlp needs at least one layer");
    }
    this.layers = List.copyOf(layers);
    for (int i = 1; i < this.layers.size(); i++) {
      Layer previous = this.layers.get(i - 1);
      Layer next = this.layers.get(i);
      if (previous.outputSize() != next.inputSize()) {
        throw new IllegalArgumentException(
            "layer " + i + " (" + next + ") takes " + next.inputSize() + " inputs but layer "
                + (i - 1) + " (" + previous + ") gives " + previous.outputSize());
      }
    }
    List<Parameter> all = new ArrayList<>();
    for (Layer layer : this.layers) {
      all.addAll(layer.parameters());
    }
    this.parameters = List.copyOf(all);
  }

  /**
   * Dense + ReLU for each hidden size, then a Dense to {@code outputSize} logits. Each Dense gets
   * its own seed derived from {@code seed}, so the whole model is reproducible.
   */
  public static Mlp denseRelu(int inputSize, List<Integer> hiddenSizes, int outputSize, long seed) {
    List<Layer> layers = new ArrayList<>();
    int width = inputSize;
    long layerSeed = seed;
    for (int hidden : hiddenSizes) {
      layerSeed = mix(layerSeed);
      layers.add(new Dense(width, hidden, layerSeed));
      layers.add(new Relu(hidden));
      width = hidden;
    }
    layers.add(new Dense(width, outputSize, mix(layerSeed)));
    return new Mlp(layers);
  }

  public List<Layer> layers() {
    return layers;
  }

  /** All trainable parameters, layer by layer. */
  public List<Parameter> parameters() {
    return parameters;
  }

  public long parameterCount() {
    long count = 0;
    for (Parameter parameter : parameters) {
      count += parameter.size();
    }
    return count;
  }

  public int inputSize() {
    return layers.get(0).inputSize();
  }

  public int outputSize() {
    return layers.get(layers.size() - 1).outputSize();
  }

  /** The logits of a batch; the array belongs to the last layer (see {@link Layer}). */
  public float[] forward(float[] input, int batchSize) {
    float[] activations = input;
    for (Layer layer : layers) {
      activations = layer.forward(activations, batchSize);
    }
    return activations;
  }

  /** Back-propagates the loss gradient of the last forward's logits into every parameter. */
  public void backward(float[] logitGradient, int batchSize) {
    float[] gradient = logitGradient;
    for (int i = layers.size() - 1; i >= 0; i--) {
      gradient = layers.get(i).backward(gradient, batchSize, i > 0);
    }
  }

  @Override
  public String toString() {
    return layers.stream().map(Object::toString).collect(Collectors.joining(" -> "));
  }

  /** SplitMix64's finaliser: turns consecutive seeds into unrelated ones. */
  private static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
