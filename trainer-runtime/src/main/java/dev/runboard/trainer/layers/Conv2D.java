package dev.runboard.trainer.layers;

import dev.runboard.trainer.backend.ConvGeometry;
import dev.runboard.trainer.ops.BiasAdd;
import dev.runboard.trainer.ops.BiasRelu;
import dev.runboard.trainer.ops.FusedConvolution;
import dev.runboard.trainer.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * 2-D convolution over NHWC images (Keras's default {@code channels_last}), kernel {@code [kh, kw,
 * in, filters]}, with bias and activation: Keras's {@code Conv2D(filters, (kh, kw), strides,
 * padding, activation)}.
 */
public final class Conv2D extends Layer implements Activated {
  private final int filters;
  private final int kernelH;
  private final int kernelW;
  private final int strideH;
  private final int strideW;
  private final boolean samePadding;
  private final Activation activation;
  private Tensor kernel;
  private Tensor bias;

  /** {@code Conv2D(filters, (kh, kw), activation=...)}: stride 1, "valid" padding. */
  public Conv2D(int filters, int kernelH, int kernelW, String activation) {
    this(filters, kernelH, kernelW, 1, 1, "valid", Activation.of(activation));
  }

  public Conv2D(
      int filters, int kernelH, int kernelW, int strideH, int strideW, String padding, Activation activation) {
    if (filters < 1 || kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1) {
      throw new IllegalArgumentException(
          "filters, kernel size and strides must be at least 1: " + filters + ", " + kernelH + "x"
              + kernelW + ", " + strideH + "x" + strideW);
    }
    this.filters = filters;
    this.kernelH = kernelH;
    this.kernelW = kernelW;
    this.strideH = strideH;
    this.strideW = strideW;
    this.samePadding = Padding.isSame(padding);
    this.activation = activation;
  }

  @Override
  public String type() {
    return "Conv2D";
  }

  @Override
  protected int[] doBuild(int[] inputShape, SplittableRandom init) {
    if (inputShape.length != 3) {
      throw new IllegalArgumentException(
          "Conv2D expects (height, width, channels) inputs, got " + Arrays.toString(inputShape));
    }
    int channels = inputShape[2];
    ConvGeometry g =
        ConvGeometry.of(1, inputShape[0], inputShape[1], channels, kernelH, kernelW, strideH, strideW, samePadding);
    int receptive = kernelH * kernelW;
    kernel =
        Tensor.variable(
            Initializers.glorotUniform(receptive * channels * filters, receptive * channels, receptive * filters, init),
            kernelH, kernelW, channels, filters);
    bias = Tensor.variable(new float[filters], filters);
    return new int[] {g.outH(), g.outW(), filters};
  }

  /**
   * Whether this convolution and {@code pool} after it can run as one fused op on the context's
   * backend ({@link FusedConvolution}): a backend with native convolution blocks, and an activation
   * it fuses (ReLU or none).
   */
  public boolean fusesWith(MaxPooling2D pool, CallContext context) {
    return FusedConvolution.available(context.backend())
        && (activation == Activation.RELU || activation == Activation.LINEAR);
  }

  /** {@code pool.call(call(x))}, as one fused op (see {@link #fusesWith}). */
  public Tensor callPooled(Tensor x, MaxPooling2D pool, CallContext context) {
    if (!fusesWith(pool, context)) {
      return pool.call(call(x, context), context);
    }
    return FusedConvolution.apply(
        context.backend(), x, kernel, bias, strideH, strideW, samePadding, activation == Activation.RELU,
        pool.window(), context.training());
  }

  @Override
  public Tensor call(Tensor x, CallContext context) {
    if (FusedConvolution.available(context.backend())
        && (activation == Activation.RELU || activation == Activation.LINEAR)) {
      return FusedConvolution.apply(
          context.backend(), x, kernel, bias, strideH, strideW, samePadding, activation == Activation.RELU,
          null, context.training());
    }
    if (activation == Activation.RELU) {
      return BiasRelu.apply(context.backend(), convolve(x, context), bias); // one pass, not two
    }
    return activation.apply(context.backend(), callLinear(x, context));
  }

  @Override
  public Tensor callLinear(Tensor x, CallContext context) {
    return BiasAdd.apply(context.backend(), convolve(x, context), bias);
  }

  private Tensor convolve(Tensor x, CallContext context) {
    return dev.runboard.trainer.ops.Conv2D.apply(context.backend(), x, kernel, strideH, strideW, samePadding);
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
    config.put("filters", Integer.toString(filters));
    config.put("kernel_size", kernelH + "x" + kernelW);
    config.put("strides", strideH + "x" + strideW);
    config.put("padding", samePadding ? "same" : "valid");
    config.put("activation", activation.kerasName());
    return config;
  }

  /** Rebuilds a layer from {@link #config()}. */
  static Conv2D fromConfig(Map<String, String> config) {
    int[] kernelSize = Padding.pair(config.get("kernel_size"));
    int[] strides = Padding.pair(config.get("strides"));
    return new Conv2D(
        Integer.parseInt(config.get("filters")), kernelSize[0], kernelSize[1], strides[0], strides[1],
        config.get("padding"), Activation.of(config.get("activation").toLowerCase(Locale.ROOT)));
  }
}
