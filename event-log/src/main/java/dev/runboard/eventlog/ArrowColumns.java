package dev.runboard.eventlog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;

/** Writing and reading one cell of Arrow string and list columns from Java values. */
final class ArrowColumns {
  private ArrowColumns() {}

  static void setString(VarCharVector vector, int row, String value) {
    vector.setSafe(row, value.getBytes(StandardCharsets.UTF_8));
  }

  static String string(VarCharVector vector, int row) {
    return new String(vector.get(row), StandardCharsets.UTF_8);
  }

  static void setStrings(ListVector list, int row, List<String> items) {
    int start = list.startNewValue(row);
    VarCharVector data = (VarCharVector) list.getDataVector();
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i);
      if (item == null) {
        data.setNull(start + i);
      } else {
        data.setSafe(start + i, item.getBytes(StandardCharsets.UTF_8));
      }
    }
    list.endValue(row, items.size());
  }

  static void setDoubles(ListVector list, int row, double[] items) {
    int start = list.startNewValue(row);
    Float8Vector data = (Float8Vector) list.getDataVector();
    for (int i = 0; i < items.length; i++) {
      data.setSafe(start + i, items[i]);
    }
    list.endValue(row, items.length);
  }

  static void setNullableDoubles(ListVector list, int row, List<Double> items) {
    int start = list.startNewValue(row);
    Float8Vector data = (Float8Vector) list.getDataVector();
    for (int i = 0; i < items.size(); i++) {
      Double item = items.get(i);
      if (item == null) {
        data.setNull(start + i);
      } else {
        data.setSafe(start + i, item);
      }
    }
    list.endValue(row, items.size());
  }

  static void setNullableBooleans(ListVector list, int row, List<Boolean> items) {
    int start = list.startNewValue(row);
    BitVector data = (BitVector) list.getDataVector();
    for (int i = 0; i < items.size(); i++) {
      Boolean item = items.get(i);
      if (item == null) {
        data.setNull(start + i);
      } else {
        data.setSafe(start + i, item ? 1 : 0);
      }
    }
    list.endValue(row, items.size());
  }

  static void setLongs(ListVector list, int row, List<Long> items) {
    int start = list.startNewValue(row);
    BigIntVector data = (BigIntVector) list.getDataVector();
    for (int i = 0; i < items.size(); i++) {
      data.setSafe(start + i, items.get(i));
    }
    list.endValue(row, items.size());
  }

  static void setLongs(ListVector list, int row, long[] items) {
    int start = list.startNewValue(row);
    BigIntVector data = (BigIntVector) list.getDataVector();
    for (int i = 0; i < items.length; i++) {
      data.setSafe(start + i, items[i]);
    }
    list.endValue(row, items.length);
  }

  /** Items of one row; null items stay null. */
  static List<String> strings(ListVector list, int row) {
    VarCharVector data = (VarCharVector) list.getDataVector();
    int start = list.getElementStartIndex(row);
    int end = list.getElementEndIndex(row);
    List<String> out = new ArrayList<>(end - start);
    for (int i = start; i < end; i++) {
      out.add(data.isNull(i) ? null : new String(data.get(i), StandardCharsets.UTF_8));
    }
    return out;
  }

  static double[] doubles(ListVector list, int row) {
    Float8Vector data = (Float8Vector) list.getDataVector();
    int start = list.getElementStartIndex(row);
    double[] out = new double[list.getElementEndIndex(row) - start];
    for (int i = 0; i < out.length; i++) {
      out[i] = data.get(start + i);
    }
    return out;
  }

  static List<Double> nullableDoubles(ListVector list, int row) {
    Float8Vector data = (Float8Vector) list.getDataVector();
    List<Double> out = new ArrayList<>();
    for (int i = list.getElementStartIndex(row); i < list.getElementEndIndex(row); i++) {
      out.add(data.isNull(i) ? null : data.get(i));
    }
    return out;
  }

  static List<Boolean> nullableBooleans(ListVector list, int row) {
    BitVector data = (BitVector) list.getDataVector();
    List<Boolean> out = new ArrayList<>();
    for (int i = list.getElementStartIndex(row); i < list.getElementEndIndex(row); i++) {
      out.add(data.isNull(i) ? null : data.get(i) != 0);
    }
    return out;
  }

  static long[] longArray(ListVector list, int row) {
    BigIntVector data = (BigIntVector) list.getDataVector();
    int start = list.getElementStartIndex(row);
    long[] out = new long[list.getElementEndIndex(row) - start];
    for (int i = 0; i < out.length; i++) {
      out[i] = data.get(start + i);
    }
    return out;
  }

  static List<Long> longs(ListVector list, int row) {
    BigIntVector data = (BigIntVector) list.getDataVector();
    List<Long> out = new ArrayList<>();
    for (int i = list.getElementStartIndex(row); i < list.getElementEndIndex(row); i++) {
      out.add(data.get(i));
    }
    return out;
  }
}
