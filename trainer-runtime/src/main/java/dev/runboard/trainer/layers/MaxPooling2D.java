package dev.runboard.trainer.layers;

import dev.runboard.trainer.backend.ConvGeometry;
import dev.runboard.trainer.ops.MaxPool2D;
import dev.runboard.trainer.ops.PoolWindow;
import dev.runboard.trainer.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Keras's {@code MaxPooling2D(pool_size, strides=pool_size, padding='valid')}. */
public final class MaxPooling2D extends Layer {
  private final int poolH;
  private final int poolW;
  private final int strideH;
  private final int strideW;
  private final boolean samePadding;

  public MaxPooling2D(int poolH, int poolW) {
    this(poolH, poolW, poolH, poolW, "valid");
  }

  public MaxPooling2D(int poolH, int poolW, int strideH, int strideW, String padding) {
    if (poolH < 1 || poolW < 1 || strideH < 1 || strideW < 1) {
      throw new IllegalArgumentException("pool size and strides must be at least 1");
    }
    this.poolH = poolH;
    this.poolW = poolW;
    this.strideH = strideH;
    this.strideW = strideW;
    this.samePadding = Padding.isSame(padding);
  }

  @Override
  public String type() {
    return "MaxPooling2D";
  }

  @Override
  protected int[] doBuild(int[] inputShape, SplittableRandom init) {
    if (inputShape.length != 3) {
      throw new IllegalArgumentException(
          "MaxPooling2D expects (height, width, channels) inputs, got " + Arrays.toString(inputShape));
    }
    ConvGeometry g =
        ConvGeometry.of(1, inputShape[0], inputShape[1], inputShape[2], poolH, poolW, strideH, strideW, samePadding);
    return new int[] {g.outH(), g.outW(), inputShape[2]};
  }

  /** The window, for a convolution that pools its own output ({@link Conv2D#callPooled}). */
  public PoolWindow window() {
    return new PoolWindow(poolH, poolW, strideH, strideW, samePadding);
  }

  @Override
  public Tensor call(Tensor x, CallContext context) {
    return MaxPool2D.apply(context.backend(), x, poolH, poolW, strideH, strideW, samePadding);
  }

  @Override
  public Map<String, String> config() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("pool_size", poolH + "x" + poolW);
    config.put("strides", strideH + "x" + strideW);
    config.put("padding", samePadding ? "same" : "valid");
    return config;
  }

  static MaxPooling2D fromConfig(Map<String, String> config) {
    int[] pool = Padding.pair(config.get("pool_size"));
    int[] strides = Padding.pair(config.get("strides"));
    return new MaxPooling2D(pool[0], pool[1], strides[0], strides[1], config.get("padding"));
  }
}
