package dev.runboard.eventlog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Scalar rows: tag, step, wall_time, value. */
final class ScalarCodec implements EventCodec {
  @Override
  public void encode(List<LogEvent> events, VectorSchemaRoot root, TagTable tags) {
    ScalarBuffer buffer = new ScalarBuffer(Math.max(1, events.size()));
    for (LogEvent event : events) {
      ScalarEvent e = (ScalarEvent) event;
      buffer.add(tags.id(e.tag()), e.step(), e.wallTime(), e.value());
    }
    encode(buffer, root);
  }

  /** The hot path's batches: primitive columns copied straight into the vectors. */
  static void encode(ScalarBuffer buffer, VectorSchemaRoot root) {
    int rows = buffer.size();
    IntVector tags = (IntVector) root.getVector(0);
    BigIntVector steps = (BigIntVector) root.getVector(1);
    Float8Vector wallTimes = (Float8Vector) root.getVector(2);
    Float8Vector values = (Float8Vector) root.getVector(3);
    tags.allocateNew(rows);
    steps.allocateNew(rows);
    wallTimes.allocateNew(rows);
    values.allocateNew(rows);
    int[] tagIds = buffer.tagIds();
    long[] stepColumn = buffer.steps();
    double[] wallColumn = buffer.wallTimes();
    double[] valueColumn = buffer.values();
    for (int i = 0; i < rows; i++) {
      tags.set(i, tagIds[i]);
      steps.set(i, stepColumn[i]);
      wallTimes.set(i, wallColumn[i]);
      values.set(i, valueColumn[i]);
    }
    root.setRowCount(rows);
  }

  @Override
  public LogEvent decode(VectorSchemaRoot root, List<String> dictionary, int row) {
    return new ScalarEvent(
        Codecs.tag(dictionary, ((IntVector) root.getVector(0)).get(row)),
        ((BigIntVector) root.getVector(1)).get(row),
        ((Float8Vector) root.getVector(2)).get(row),
        ((Float8Vector) root.getVector(3)).get(row));
  }

  @Override
  public void decodeAll(VectorSchemaRoot root, List<String> dictionary, RowSink out) {
    IntVector tags = (IntVector) root.getVector(0);
    BigIntVector steps = (BigIntVector) root.getVector(1);
    Float8Vector wallTimes = (Float8Vector) root.getVector(2);
    Float8Vector values = (Float8Vector) root.getVector(3);
    int rows = root.getRowCount();
    for (int i = 0; i < rows; i++) {
      out.accept(
          new ScalarEvent(
              Codecs.tag(dictionary, tags.get(i)), steps.get(i), wallTimes.get(i), values.get(i)),
          i);
    }
  }

  /** The loaded batch as primitive columns, tag indices checked against the dictionary. */
  static ScalarBatch columns(VectorSchemaRoot root, List<String> dictionary) {
    return columns(root, dictionary, null);
  }

  /**
   * As {@link #columns(VectorSchemaRoot, List)}, into the arrays of {@code reuse} when it has as
   * many rows (which its holder must no longer read): new arrays come zeroed, a cost as large as
   * the copy into them.
   */
  static ScalarBatch columns(VectorSchemaRoot root, List<String> dictionary, ScalarBatch reuse) {
    IntVector tags = (IntVector) root.getVector(0);
    BigIntVector steps = (BigIntVector) root.getVector(1);
    Float8Vector wallTimes = (Float8Vector) root.getVector(2);
    Float8Vector values = (Float8Vector) root.getVector(3);
    int rows = root.getRowCount();
    boolean reusing = reuse != null && reuse.size() == rows;
    int[] tagColumn = reusing ? reuse.tagIndices() : new int[rows];
    long[] stepColumn = reusing ? reuse.steps() : new long[rows];
    double[] wallColumn = reusing ? reuse.wallTimes() : new double[rows];
    double[] valueColumn = reusing ? reuse.values() : new double[rows];
    if (copiesInBulk(rows, tags, 4) && copiesInBulk(rows, steps, 8) && copiesInBulk(rows, wallTimes, 8)
        && copiesInBulk(rows, values, 8)) {
      // Four memory copies: reading element by element, with Arrow's bounds and null checks on
      // each, was most of the time it takes to load a log.
      data(tags, rows, 4).asIntBuffer().get(tagColumn);
      data(steps, rows, 8).asLongBuffer().get(stepColumn);
      data(wallTimes, rows, 8).asDoubleBuffer().get(wallColumn);
      data(values, rows, 8).asDoubleBuffer().get(valueColumn);
    } else {
      // Nulls, or buffers shorter than the rows claimed: element by element, where Arrow's
      // checks name what is wrong.
      for (int i = 0; i < rows; i++) {
        tagColumn[i] = tags.get(i);
        stepColumn[i] = steps.get(i);
        wallColumn[i] = wallTimes.get(i);
        valueColumn[i] = values.get(i);
      }
    }
    int dictionarySize = dictionary.size();
    for (int tag : tagColumn) {
      if (tag < 0 || tag >= dictionarySize) {
        Codecs.tag(dictionary, tag); // throws, naming the bad index
      }
    }
    return new ScalarBatch(List.copyOf(dictionary), tagColumn, stepColumn, wallColumn, valueColumn);
  }

  private static boolean copiesInBulk(int rows, BaseFixedWidthVector vector, int width) {
    return vector.getNullCount() == 0 && vector.getDataBuffer().capacity() >= (long) rows * width;
  }

  /** The first rows of a vector's data buffer; Arrow's IPC format is little-endian. */
  private static ByteBuffer data(BaseFixedWidthVector vector, int rows, int width) {
    return vector.getDataBuffer().nioBuffer(0, rows * width).order(ByteOrder.LITTLE_ENDIAN);
  }
}
