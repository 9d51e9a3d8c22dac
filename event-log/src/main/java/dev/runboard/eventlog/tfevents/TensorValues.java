package dev.runboard.eventlog.tfevents;

import com.google.protobuf.ByteString;
import dev.runboard.eventlog.Histogram;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the values out of a {@code TensorProto}. Writers put them either packed little-endian in
 * {@code tensor_content} (TensorFlow's C++ writer) or in the typed repeated fields
 * ({@code float_val}, {@code double_val}…; Python writers), so both are handled.
 */
final class TensorValues {
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
  static double[] numbers(TensorProto tensor) {
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
        return expand(floats(tensor), tensor);
      case DT_DOUBLE:
        if (!content.isEmpty()) {
          double[] v = new double[content.size() / 8];
          for (int i = 0; i < v.length; i++) {
            v[i] = bytes.getDouble(i * 8);
          }
          return v;
        }
        return expand(tensor.getDoubleValList().stream().mapToDouble(Double::doubleValue).toArray(), tensor);
      case DT_INT32:
        if (!content.isEmpty()) {
          double[] v = new double[content.size() / 4];
          for (int i = 0; i < v.length; i++) {
            v[i] = bytes.getInt(i * 4);
          }
          return v;
        }
        return expand(tensor.getIntValList().stream().mapToDouble(Integer::doubleValue).toArray(), tensor);
      case DT_INT64:
        if (!content.isEmpty()) {
          double[] v = new double[content.size() / 8];
          for (int i = 0; i < v.length; i++) {
            v[i] = bytes.getLong(i * 8);
          }
          return v;
        }
        return expand(tensor.getInt64ValList().stream().mapToDouble(Long::doubleValue).toArray(), tensor);
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
            tensor);
      case DT_BOOL:
        if (!content.isEmpty()) {
          double[] v = new double[content.size()];
          for (int i = 0; i < v.length; i++) {
            v[i] = bytes.get(i) != 0 ? 1 : 0;
          }
          return v;
        }
        return expand(tensor.getBoolValList().stream().mapToDouble(b -> b ? 1 : 0).toArray(), tensor);
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
  private static double[] expand(double[] values, TensorProto tensor) {
    long n = elementCount(tensor);
    if (values.length == 0 || values.length >= n || n > Integer.MAX_VALUE) {
      return values;
    }
    double[] v = new double[(int) n];
    System.arraycopy(values, 0, v, 0, values.length);
    java.util.Arrays.fill(v, values.length, v.length, values[values.length - 1]);
    return v;
  }

  /** The one value of a rank-0 (or single-element) numeric tensor. */
  static double scalar(TensorProto tensor) {
    double[] v = numbers(tensor);
    if (v.length != 1) {
      throw new IllegalArgumentException("expected a scalar tensor, got " + v.length + " values");
    }
    return v[0];
  }

  /** The elements of a string tensor, as byte strings. */
  static List<ByteString> strings(TensorProto tensor) {
    if (tensor.getDtype() != dev.runboard.eventlog.tfevents.proto.TensorProtos.DataType.DT_STRING) {
      throw new IllegalArgumentException("tensor of " + tensor.getDtype() + " is not a string tensor");
    }
    return new ArrayList<>(tensor.getStringValList());
  }

  /**
   * A TensorFlow 2 histogram: a {@code [k, 3]} tensor of (left edge, right edge, count) rows.
   * Sum and sum of squares are not stored there; they are estimated from bucket centres. Buckets
   * sharing a right edge (all values equal) are merged so that edges increase strictly.
   */
  static Histogram histogram(TensorProto tensor) {
    double[] v = numbers(tensor);
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
        java.util.Arrays.copyOf(limits, n),
        java.util.Arrays.copyOf(counts, n));
  }
}
