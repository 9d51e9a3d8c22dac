package dev.runboard.eventlog.tfevents;

import com.google.protobuf.ByteString;
import dev.runboard.eventlog.Histogram;
import dev.runboard.eventlog.TensorValue;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.DataType;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads the values out of a {@code TensorProto}. Writers put them either packed little-endian in
 * {@code tensor_content} (TensorFlow's C++ writer) or in the typed repeated fields
 * ({@code float_val}, {@code double_val}…; Python writers), so both are handled.
 *
 * <p>A shape is never trusted to size an allocation: TensorFlow's convention lets a single typed
 * value stand for any number of elements, so every expansion is checked against the reader's
 * record limit ({@code maxBytes}) first.
 */
final class TensorValues {
  /** What a TensorFlow 2 histogram tensor does not hold. */
  private static final Set<String> ESTIMATED = Set.of(Histogram.SUM, Histogram.SUM_SQUARES);

  private TensorValues() {}

  /** Number of elements the shape describes (1 for a scalar). */
  static long elementCount(TensorProto tensor) {
    long n = 1;
    for (var dim : tensor.getTensorShape().getDimList()) {
      n *= dim.getSize();
    }
    return n;
  }

  /** The tensor's numeric elements as doubles, in row-major order. */
  static double[] numbers(TensorProto tensor, long maxBytes) {
    ByteString content = tensor.getTensorContent();
    ByteBuffer bytes = content.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    switch (tensor.getDtype()) {
      case DT_FLOAT:
        if (!content.isEmpty()) {
          double[] v = new double[content.size() / 4];
          for (int i = 0; i < v.length; i++) {
            v[i] = bytes.getFloat(i * 4);
          }
          return v;
        }
        return expand(floats(tensor), tensor, maxBytes);
      case DT_DOUBLE:
        if (!content.isEmpty()) {
          double[] v = new double[content.size() / 8];
          for (int i = 0; i < v.length; i++) {
            v[i] = bytes.getDouble(i * 8);
          }
          return v;
        }
        return expand(
            tensor.getDoubleValList().stream().mapToDouble(Double::doubleValue).toArray(), tensor, maxBytes);
      case DT_INT32:
        if (!content.isEmpty()) {
          double[] v = new double[content.size() / 4];
          for (int i = 0; i < v.length; i++) {
            v[i] = bytes.getInt(i * 4);
          }
          return v;
        }
        return expand(
            tensor.getIntValList().stream().mapToDouble(Integer::doubleValue).toArray(), tensor, maxBytes);
      case DT_INT64:
        if (!content.isEmpty()) {
          double[] v = new double[content.size() / 8];
          for (int i = 0; i < v.length; i++) {
            v[i] = bytes.getLong(i * 8);
          }
          return v;
        }
        return expand(
            tensor.getInt64ValList().stream().mapToDouble(Long::doubleValue).toArray(), tensor, maxBytes);
      case DT_HALF:
        if (!content.isEmpty()) {
          double[] v = new double[content.size() / 2];
          for (int i = 0; i < v.length; i++) {
            v[i] = halfToFloat(bytes.getShort(i * 2));
          }
          return v;
        }
        return expand(
            tensor.getHalfValList().stream().mapToDouble(h -> halfToFloat((short) (int) h)).toArray(),
            tensor,
            maxBytes);
      case DT_BOOL:
        if (!content.isEmpty()) {
          double[] v = new double[content.size()];
          for (int i = 0; i < v.length; i++) {
            v[i] = bytes.get(i) != 0 ? 1 : 0;
          }
          return v;
        }
        return expand(
            tensor.getBoolValList().stream().mapToDouble(b -> b ? 1 : 0).toArray(), tensor, maxBytes);
      default:
        throw new IllegalArgumentException("tensor of " + tensor.getDtype() + " is not numeric");
    }
  }

  /** IEEE 754 binary16 to float (Java 17 has no {@code Float.float16ToFloat}). */
  static float halfToFloat(short half) {
    int sign = (half >>> 15) & 1;
    int exponent = (half >>> 10) & 0x1f;
    int mantissa = half & 0x3ff;
    float magnitude;
    if (exponent == 0) {
      magnitude = mantissa * 0x1p-24f;
    } else if (exponent == 0x1f) {
      magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else {
      magnitude = Float.intBitsToFloat(((exponent + 112) << 23) | (mantissa << 13));
    }
    return sign == 0 ? magnitude : -magnitude;
  }

  private static double[] floats(TensorProto tensor) {
    double[] v = new double[tensor.getFloatValCount()];
    for (int i = 0; i < v.length; i++) {
      v[i] = tensor.getFloatVal(i);
    }
    return v;
  }

  /**
   * TensorFlow's convention for the typed fields: when fewer values than elements are given, the
   * last one repeats (a constant tensor is stored as a single value).
   */
  private static double[] expand(double[] values, TensorProto tensor, long maxBytes) {
    long n = elementCount(tensor);
    if (values.length == 0 || values.length >= n) {
      return values;
    }
    checkSize(n, 8, maxBytes);
    double[] v = new double[(int) n];
    System.arraycopy(values, 0, v, 0, values.length);
    Arrays.fill(v, values.length, v.length, values[values.length - 1]);
    return v;
  }

  private static void checkSize(long elements, int itemBytes, long maxBytes) {
    if (elements > maxBytes / itemBytes) {
      throw new IllegalArgumentException(
          "tensor of " + elements + " elements is over the limit of " + maxBytes + " bytes");
    }
  }

  /** The one value of a rank-0 (or single-element) numeric tensor. */
  static double scalar(TensorProto tensor, long maxBytes) {
    double[] v = numbers(tensor, maxBytes);
    if (v.length != 1) {
      throw new IllegalArgumentException("expected a scalar tensor, got " + v.length + " values");
    }
    return v[0];
  }

  /** The elements of a string tensor, as byte strings. */
  static List<ByteString> strings(TensorProto tensor) {
    if (tensor.getDtype() != DataType.DT_STRING) {
      throw new IllegalArgumentException("tensor of " + tensor.getDtype() + " is not a string tensor");
    }
    return new ArrayList<>(tensor.getStringValList());
  }

  /**
   * A TensorFlow 2 histogram: a {@code [k, 3]} tensor of (left edge, right edge, count) rows.
   * Sum and sum of squares are not stored there; they are estimated from bucket centres and marked
   * {@link Histogram#estimated() estimated}. Buckets
   * sharing a right edge (all values equal) are merged so that edges increase strictly.
   */
  static Histogram histogram(TensorProto tensor, long maxBytes) {
    double[] v = numbers(tensor, maxBytes);
    if (v.length % 3 != 0) {
      throw new IllegalArgumentException("histogram tensor has " + v.length + " values, not k x 3");
    }
    int k = v.length / 3;
    if (k == 0) {
      return new Histogram(0, 0, 0, 0, 0, new double[0], new double[0]);
    }
    double[] limits = new double[k];
    double[] counts = new double[k];
    int n = 0;
    double count = 0;
    double sum = 0;
    double sumSquares = 0;
    for (int i = 0; i < k; i++) {
      double left = v[3 * i];
      double right = v[3 * i + 1];
      double c = v[3 * i + 2];
      double centre = (left + right) / 2;
      count += c;
      sum += c * centre;
      sumSquares += c * centre * centre;
      if (n > 0 && !(right > limits[n - 1])) {
        counts[n - 1] += c;
      } else {
        limits[n] = right;
        counts[n] = c;
        n++;
      }
    }
    return new Histogram(
        v[0],
        v[3 * (k - 1) + 1],
        count,
        sum,
        sumSquares,
        Arrays.copyOf(limits, n),
        Arrays.copyOf(counts, n),
        ESTIMATED);
  }

  /**
   * The tensor as a {@link TensorValue}: float, half and bfloat16 become {@code float32}, double
   * {@code float64}, 8-, 16- and 32-bit integers {@code int32}, int64 and uint32 {@code int64},
   * bool {@code bool}. Without any value (neither content nor typed values) every element is 0,
   * as in TensorFlow.
   *
   * @throws IllegalArgumentException for other types (strings, complex, uint64…) and for values
   *     that do not match the shape
   */
  static TensorValue tensorValue(TensorProto tensor, long maxBytes) {
    if (tensor.getTensorShape().getUnknownRank()) {
      throw new IllegalArgumentException("tensor of unknown rank");
    }
    long[] shape = tensor.getTensorShape().getDimList().stream().mapToLong(d -> d.getSize()).toArray();
    long n = TensorValue.elementCount(shape);
    DataType type = tensor.getDtype();
    String dtype = runboardType(type);
    int itemBytes = TensorValue.itemBytes(dtype);
    checkSize(n, itemBytes, maxBytes);
    ByteBuffer out = ByteBuffer.allocate((int) n * itemBytes).order(ByteOrder.LITTLE_ENDIAN);
    ByteString content = tensor.getTensorContent();
    if (!content.isEmpty()) {
      int sourceBytes = sourceItemBytes(type);
      if (content.size() != n * sourceBytes) {
        throw new IllegalArgumentException(
            "tensor_content holds " + content.size() + " bytes, shape " + Arrays.toString(shape)
                + " of " + type + " needs " + n * sourceBytes);
      }
      ByteBuffer in = content.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < n; i++) {
        put(out, type, in, i);
      }
    } else {
      long[] bits = typedValues(tensor);
      if (bits.length > n) {
        throw new IllegalArgumentException(
            bits.length + " values for shape " + Arrays.toString(shape) + " of " + n + " elements");
      }
      for (int i = 0; i < n; i++) {
        // TensorFlow's convention: the last value repeats; no value at all means zeros.
        long value = bits.length == 0 ? 0 : bits[Math.min(i, bits.length - 1)];
        putTyped(out, dtype, type, value);
      }
    }
    return new TensorValue(dtype, shape, out.array());
  }

  private static String runboardType(DataType type) {
    switch (type) {
      case DT_FLOAT:
      case DT_HALF:
      case DT_BFLOAT16:
        return TensorValue.FLOAT32;
      case DT_DOUBLE:
        return TensorValue.FLOAT64;
      case DT_INT32:
      case DT_INT16:
      case DT_INT8:
      case DT_UINT8:
      case DT_UINT16:
        return TensorValue.INT32;
      case DT_INT64:
      case DT_UINT32:
        return TensorValue.INT64;
      case DT_BOOL:
        return TensorValue.BOOL;
      default:
        throw new IllegalArgumentException("tensor of " + type + " is not supported");
    }
  }

  /** Bytes per element in {@code tensor_content}. */
  private static int sourceItemBytes(DataType type) {
    switch (type) {
      case DT_DOUBLE:
      case DT_INT64:
        return 8;
      case DT_FLOAT:
      case DT_INT32:
      case DT_UINT32:
        return 4;
      case DT_HALF:
      case DT_BFLOAT16:
      case DT_INT16:
      case DT_UINT16:
        return 2;
      default:
        return 1; // int8, uint8, bool
    }
  }

  /** Element {@code i} of packed little-endian content, converted to the Runboard type. */
  private static void put(ByteBuffer out, DataType type, ByteBuffer in, int i) {
    switch (type) {
      case DT_FLOAT:
        out.putFloat(in.getFloat(i * 4));
        break;
      case DT_HALF:
        out.putFloat(halfToFloat(in.getShort(i * 2)));
        break;
      case DT_BFLOAT16:
        out.putFloat(Float.intBitsToFloat((in.getShort(i * 2) & 0xffff) << 16));
        break;
      case DT_DOUBLE:
        out.putDouble(in.getDouble(i * 8));
        break;
      case DT_INT32:
        out.putInt(in.getInt(i * 4));
        break;
      case DT_INT16:
        out.putInt(in.getShort(i * 2));
        break;
      case DT_UINT16:
        out.putInt(in.getShort(i * 2) & 0xffff);
        break;
      case DT_INT8:
        out.putInt(in.get(i));
        break;
      case DT_UINT8:
        out.putInt(in.get(i) & 0xff);
        break;
      case DT_INT64:
        out.putLong(in.getLong(i * 8));
        break;
      case DT_UINT32:
        out.putLong(in.getInt(i * 4) & 0xffffffffL);
        break;
      default: // DT_BOOL
        out.put((byte) (in.get(i) != 0 ? 1 : 0));
        break;
    }
  }

  /**
   * The typed values of a tensor as raw bits: float bits for float, double bits for double, the
   * 16 bits for half and bfloat16, the integer for the integer types, 0/1 for bool.
   */
  private static long[] typedValues(TensorProto tensor) {
    switch (tensor.getDtype()) {
      case DT_FLOAT:
        long[] floats = new long[tensor.getFloatValCount()];
        for (int i = 0; i < floats.length; i++) {
          floats[i] = Float.floatToRawIntBits(tensor.getFloatVal(i));
        }
        return floats;
      case DT_DOUBLE:
        return tensor.getDoubleValList().stream().mapToLong(Double::doubleToRawLongBits).toArray();
      case DT_HALF:
      case DT_BFLOAT16:
        return tensor.getHalfValList().stream().mapToLong(Integer::longValue).toArray();
      case DT_INT64:
        return tensor.getInt64ValList().stream().mapToLong(Long::longValue).toArray();
      case DT_UINT32:
        return tensor.getUint32ValList().stream().mapToLong(v -> v & 0xffffffffL).toArray();
      case DT_BOOL:
        return tensor.getBoolValList().stream().mapToLong(b -> b ? 1 : 0).toArray();
      default: // int32, int16, int8, uint8, uint16 share int_val
        return tensor.getIntValList().stream().mapToLong(Integer::longValue).toArray();
    }
  }

  private static void putTyped(ByteBuffer out, String dtype, DataType type, long bits) {
    switch (type) {
      case DT_FLOAT:
        out.putFloat(Float.intBitsToFloat((int) bits));
        break;
      case DT_HALF:
        out.putFloat(halfToFloat((short) bits));
        break;
      case DT_BFLOAT16:
        out.putFloat(Float.intBitsToFloat(((int) bits & 0xffff) << 16));
        break;
      case DT_DOUBLE:
        out.putDouble(Double.longBitsToDouble(bits));
        break;
      default:
        if (TensorValue.INT64.equals(dtype)) {
          out.putLong(bits);
        } else if (TensorValue.BOOL.equals(dtype)) {
          out.put((byte) (bits != 0 ? 1 : 0));
        } else {
          out.putInt((int) bits);
        }
        break;
    }
  }
}
