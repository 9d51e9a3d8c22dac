package dev.runboard.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense numeric tensor, row-major, its elements widened to double.
 *
 * @param dtype the element type as logged: {@code float32}, {@code float64}, {@code int32},
 *     {@code int64} or {@code bool}
 * @param pluginContent the plugin's metadata for the tag, as logged (may be empty)
 */
public record DenseTensor(String dtype, long[] shape, double[] values, byte[] pluginContent)
    implements TensorPayload {
  public DenseTensor {
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(pluginContent, "pluginContent");
    long elements = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      elements *= d;
    }
    if (elements != values.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " holds " + elements + " elements, got " + values.length);
    }
  }

  @Override
  public long sizeBytes() {
    return 64L + 8L * shape.length + 8L * values.length + pluginContent.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DenseTensor t
        && dtype.equals(t.dtype)
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(values, t.values)
        && Arrays.equals(pluginContent, t.pluginContent);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "DenseTensor[" + dtype + Arrays.toString(shape) + "]";
  }
}
