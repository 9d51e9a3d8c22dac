package dev.runboard.eventlog;

import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;

/** Histogram rows: tag, step, wall_time, the five statistics, bucket limits and counts. */
final class HistogramCodec implements EventCodec {
  @Override
  public void encode(List<LogEvent> events, VectorSchemaRoot root, TagTable tags) {
    for (int row = 0; row < events.size(); row++) {
      HistogramEvent e = (HistogramEvent) events.get(row);
      Histogram h = e.histogram();
      ((IntVector) root.getVector("tag")).setSafe(row, tags.id(e.tag()));
      ((BigIntVector) root.getVector("step")).setSafe(row, e.step());
      ((Float8Vector) root.getVector("wall_time")).setSafe(row, e.wallTime());
      ((Float8Vector) root.getVector("min")).setSafe(row, h.min());
      ((Float8Vector) root.getVector("max")).setSafe(row, h.max());
      ((Float8Vector) root.getVector("count")).setSafe(row, h.count());
      ((Float8Vector) root.getVector("sum")).setSafe(row, h.sum());
      ((Float8Vector) root.getVector("sum_squares")).setSafe(row, h.sumSquares());
      ArrowColumns.setDoubles((ListVector) root.getVector("bucket_limits"), row, h.bucketLimits());
      ArrowColumns.setDoubles((ListVector) root.getVector("bucket_counts"), row, h.bucketCounts());
    }
    root.setRowCount(events.size());
  }

  @Override
  public LogEvent decode(VectorSchemaRoot root, List<String> dictionary, int row) {
    Histogram h =
        new Histogram(
            double64(root, "min", row), double64(root, "max", row), double64(root, "count", row),
            double64(root, "sum", row), double64(root, "sum_squares", row),
            ArrowColumns.doubles((ListVector) root.getVector("bucket_limits"), row),
            ArrowColumns.doubles((ListVector) root.getVector("bucket_counts"), row));
    return new HistogramEvent(
        Codecs.tag(dictionary, ((IntVector) root.getVector("tag")).get(row)),
        ((BigIntVector) root.getVector("step")).get(row),
        double64(root, "wall_time", row),
        h);
  }

  private static double double64(VectorSchemaRoot root, String column, int row) {
    return ((Float8Vector) root.getVector(column)).get(row);
  }
}
