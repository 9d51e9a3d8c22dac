package dev.runboard.eventlog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * A dense tensor: element type, shape and the elements packed little-endian in row-major order
 * (a {@code bool} is one byte, 0 or 1).
 *
 * @param dtype {@code float32}, {@code float64}, {@code int32}, {@code int64} or {@code bool}
 * @param shape dimensions, none negative; empty for a scalar
 * @param data exactly {@code elementCount() * itemBytes(dtype)} bytes
 */
public record TensorValue(String dtype, long[] shape, byte[] data) {
  public static final String FLOAT32 = "float32";
  public static final String FLOAT64 = "float64";
  public static final String INT32 = "int32";
  public static final String INT64 = "int64";
  public static final String BOOL = "bool";
  public static final Set<String> DTYPES = Set.of(FLOAT32, FLOAT64, INT32, INT64, BOOL);

  public TensorValue {
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(data, "data");
    if (!DTYPES.contains(dtype)) {
      throw new IllegalArgumentException("unknown dtype '" + dtype + "', expected one of " + DTYPES);
    }
    shape = shape.clone();
    long elements = elementCount(shape);
    if (elements * itemBytes(dtype) != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " of " + dtype + " needs " + elements + " elements ("
              + elements * itemBytes(dtype) + " bytes), data holds " + data.length + " bytes");
    }
  }

  /** Bytes per element of a dtype. */
  public static int itemBytes(String dtype) {
    switch (dtype) {
      case FLOAT64:
      case INT64:
        return 8;
      case FLOAT32:
      case INT32:
        return 4;
      case BOOL:
        return 1;
      default:
        throw new IllegalArgumentException("unknown dtype '" + dtype + "'");
    }
  }

  /** Number of elements a shape describes (1 for a scalar). */
  public static long elementCount(long[] shape) {
    long n = 1;
    for (long dim : shape) {
      if (dim < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      n = Math.multiplyExact(n, dim);
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
      }
    }
    return n;
  }

  public long elementCount() {
    return data.length / itemBytes(dtype);
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** The elements as doubles, in row-major order (int64 beyond 2^53 rounds; bool is 0 or 1). */
  public double[] toDoubles() {
    ByteBuffer bytes = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    double[] v = new double[(int) elementCount()];
    for (int i = 0; i < v.length; i++) {
      switch (dtype) {
        case FLOAT32:
          v[i] = bytes.getFloat(i * 4);
          break;
        case FLOAT64:
          v[i] = bytes.getDouble(i * 8);
          break;
        case INT32:
          v[i] = bytes.getInt(i * 4);
          break;
        case INT64:
          v[i] = bytes.getLong(i * 8);
          break;
        default:
          v[i] = data[i] != 0 ? 1 : 0;
          break;
      }
    }
    return v;
  }

  /** A float64 tensor. */
  public static TensorValue ofDoubles(long[] shape, double[] values) {
    checkCount(shape, values.length);
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      bytes.putDouble(v);
    }
    return new TensorValue(FLOAT64, shape, bytes.array());
  }

  /** A float32 tensor. */
  public static TensorValue ofFloats(long[] shape, float[] values) {
    checkCount(shape, values.length);
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      bytes.putFloat(v);
    }
    return new TensorValue(FLOAT32, shape, bytes.array());
  }

  private static void checkCount(long[] shape, int values) {
    long elements = elementCount(shape);
    if (elements != values) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " has " + elements + " elements, got " + values + " values");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorValue t
        && dtype.equals(t.dtype)
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return (dtype.hashCode() * 31 + Arrays.hashCode(shape)) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "TensorValue[" + dtype + " " + Arrays.toString(shape) + "]";
  }
}
