package dev.runboard.trainer.layers;

import dev.runboard.trainer.ops.BiasAdd;
import dev.runboard.trainer.ops.BiasRelu;
import dev.runboard.trainer.ops.MatMul;
import dev.runboard.trainer.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** {@code activation(x · kernel + bias)} on the last axis of a rank-1 input (per example). */
public final class Dense extends Layer implements Activated {
  private final int units;
  private final Activation activation;
  private Tensor kernel;
  private Tensor bias;

  public Dense(int units) {
    this(units, Activation.LINEAR);
  }

  public Dense(int units, String activation) {
    this(units, Activation.of(activation));
  }

  public Dense(int units, Activation activation) {
    if (units < 1) {
      throw new IllegalArgumentException("units must be at least 1, was " + units);
    }
    this.units = units;
    this.activation = activation;
  }

  @Override
  public String type() {
    return "Dense";
  }

  @Override
  protected int[] doBuild(int[] inputShape, SplittableRandom init) {
    if (inputShape.length != 1) {
      throw new IllegalArgumentException(
          "Dense expects flat inputs, got shape " + java.util.Arrays.toString(inputShape) + " (add a Flatten layer)");
    }
    int in = inputShape[0];
    kernel = Tensor.variable(Initializers.glorotUniform(in * units, in, units, init), in, units);
    bias = Tensor.variable(new float[units], units);
    return new int[] {units};
  }

  @Override
  public Tensor call(Tensor x, CallContext context) {
    if (activation == Activation.RELU) {
      return BiasRelu.apply(context.backend(), MatMul.apply(context.backend(), x, kernel), bias);
    }
    return activation.apply(context.backend(), callLinear(x, context));
  }

  @Override
  public Tensor callLinear(Tensor x, CallContext context) {
    return BiasAdd.apply(context.backend(), MatMul.apply(context.backend(), x, kernel), bias);
  }

  @Override
  public Activation activation() {
    return activation;
  }

  @Override
  public List<Weight> weights() {
    return kernel == null ? List.of() : List.of(new Weight("kernel", kernel, true), new Weight("bias", bias, true));
  }

  @Override
  public Map<String, String> config() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("units", Integer.toString(units));
    config.put("activation", activation.kerasName());
    return config;
  }
}
