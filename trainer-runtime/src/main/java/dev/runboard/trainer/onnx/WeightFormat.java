package dev.runboard.trainer.onnx;

/** How an ONNX export stores the weights of convolution and dense layers. */
public enum WeightFormat {
  /** As trained: the file predicts what the model does (up to float summation order). */
  FLOAT32,
  /**
   * Post-training quantization, per output channel, symmetric: each channel's weights become int8
   * with one float scale ({@code max |w| / 127}), restored by ONNX {@code DequantizeLinear} in front
   * of the float {@code Conv} or {@code Gemm}. About a quarter of the float file's size, like
   * TensorFlow Lite's {@code Optimize.DEFAULT}; biases and batch-norm parameters stay float.
   */
  INT8
}
