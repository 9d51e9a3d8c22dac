package dev.runboard.trainer.onnx;

/**
 * Symmetric per-channel int8 quantization of a weight array: {@code q = round(w / scale)} in
 * [-127, 127] with {@code scale = max |w| / 127} over the channel (1 for an all-zero channel), and
 * its inverse as ONNX's {@code DequantizeLinear} computes it, {@code q * scale} in float32.
 *
 * @param values   the quantized weights, in the layout they were given
 * @param scales   one per channel
 * @param channels channel count
 */
record PerChannelInt8(byte[] values, float[] scales, int channels) {
  /**
   * Quantizes {@code weights} whose channel index is {@code (i / inner) % channels} for element
   * {@code i}: {@code inner = 1} when the channel is the last axis, {@code inner = size / channels}
   * when it is the first.
   */
  static PerChannelInt8 of(float[] weights, int channels, int inner) {
    float[] max = new float[channels];
    for (int i = 0; i < weights.length; i++) {
      int c = (i / inner) % channels;
      max[c] = Math.max(max[c], Math.abs(weights[i]));
    }
    float[] scales = new float[channels];
    for (int c = 0; c < channels; c++) {
      scales[c] = max[c] > 0 ? max[c] / 127f : 1f;
    }
    byte[] q = new byte[weights.length];
    for (int i = 0; i < weights.length; i++) {
      int c = (i / inner) % channels;
      q[i] = (byte) Math.max(-127, Math.min(127, Math.round(weights[i] / scales[c])));
    }
    return new PerChannelInt8(q, scales, channels);
  }

  /** What DequantizeLinear gives back, in the same layout (zero points are 0). */
  float[] dequantized(int inner) {
    float[] w = new float[values.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = values[i] * scales[(i / inner) % channels];
    }
    return w;
  }
}
