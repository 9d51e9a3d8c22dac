package dev.runboard.trainer.layers;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.ops.Relu;
import dev.runboard.trainer.ops.Sigmoid;
import dev.runboard.trainer.ops.Softmax;
import dev.runboard.trainer.ops.Tanh;
import dev.runboard.trainer.tensor.Tensor;
import java.util.Locale;

/** The activations a layer can end with, named as in Keras ({@code activation='relu'}). */
public enum Activation {
  LINEAR,
  RELU,
  SIGMOID,
  TANH,
  SOFTMAX;

  public Tensor apply(Backend backend, Tensor x) {
    if (this == RELU) {
      return Relu.apply(backend, x);
    } else if (this == SIGMOID) {
      return Sigmoid.apply(backend, x);
    } else if (this == TANH) {
      return Tanh.apply(backend, x);
    } else if (this == SOFTMAX) {
      return Softmax.apply(backend, x);
    }
    return x;
  }

  /** Keras's name: {@code relu}, {@code softmax}, {@code linear}, ... */
  public String kerasName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a Keras name; {@code null} or {@code "linear"} mean none. */
  public static Activation of(String name) {
    if (name == null) {
      return LINEAR;
    }
    for (Activation a : values()) {
      if (a.kerasName().equals(name.toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown activation '" + name + "' (known: linear, relu, sigmoid, tanh, softmax)");
  }
}
