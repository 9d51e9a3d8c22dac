package dev.runboard.trainer.backend;

/**
 * Sizes of one 2-D convolution or pooling window pass over a batch of NHWC images.
 *
 * @param batch    images
 * @param height   input rows
 * @param width    input columns
 * @param channels input channels
 * @param kh       window rows
 * @param kw       window columns
 * @param strideH  row step
 * @param strideW  column step
 * @param padTop   zero rows added above (Keras "same" puts the odd one below)
 * @param padLeft  zero columns added left
 * @param outH     output rows
 * @param outW     output columns
 */
public record ConvGeometry(
    int batch, int height, int width, int channels,
    int kh, int kw, int strideH, int strideW,
    int padTop, int padLeft, int outH, int outW) {

  /** Keras semantics: "valid" uses no padding, "same" gives {@code ceil(in / stride)} outputs. */
  public static ConvGeometry of(
      int batch, int height, int width, int channels,
      int kh, int kw, int strideH, int strideW, boolean same) {
    int outH;
    int outW;
    int padTop = 0;
    int padLeft = 0;
    if (same) {
      outH = (height + strideH - 1) / strideH;
      outW = (width + strideW - 1) / strideW;
      int padH = Math.max(0, (outH - 1) * strideH + kh - height);
      int padW = Math.max(0, (outW - 1) * strideW + kw - width);
      padTop = padH / 2;
      padLeft = padW / 2;
    } else {
      outH = (height - kh) / strideH + 1;
      outW = (width - kw) / strideW + 1;
    }
    if (outH < 1 || outW < 1) {
      throw new IllegalArgumentException(
          "a " + kh + "x" + kw + " window with strides " + strideH + "x" + strideW
              + " does not fit a " + height + "x" + width + " input");
    }
    return new ConvGeometry(
        batch, height, width, channels, kh, kw, strideH, strideW, padTop, padLeft, outH, outW);
  }

  /** Values in one im2col row. */
  public int patchSize() {
    return kh * kw * channels;
  }

  /** Output pixels over the whole batch: rows of the im2col matrix. */
  public int outputPixels() {
    return batch * outH * outW;
  }

  /** A 1x1, stride-1, unpadded window: the NHWC input already is the patch matrix. */
  public boolean isPointwise() {
    return kh == 1 && kw == 1 && strideH == 1 && strideW == 1 && padTop == 0 && padLeft == 0;
  }

  public int inputSize() {
    return batch * height * width * channels;
  }
}
