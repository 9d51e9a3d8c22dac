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
  public void decode(VectorSchemaRoot root, List<String> dictionary, List<LogEvent> out) {
    IntVector tags = (IntVector) root.getVector("tag");
    BigIntVector steps = (BigIntVector) root.getVector("step");
    Float8Vector wallTimes = (Float8Vector) root.getVector("wall_time");
    Float8Vector min = (Float8Vector) root.getVector("min");
    Float8Vector max = (Float8Vector) root.getVector("max");
    Float8Vector count = (Float8Vector) root.getVector("count");
    Float8Vector sum = (Float8Vector) root.getVector("sum");
    Float8Vector sumSquares = (Float8Vector) root.getVector("sum_squares");
    ListVector limits = (ListVector) root.getVector("bucket_limits");
    ListVector counts = (ListVector) root.getVector("bucket_counts");
    for (int row = 0; row < root.getRowCount(); row++) {
      Histogram h =
          new Histogram(
              min.get(row), max.get(row), count.get(row), sum.get(row), sumSquares.get(row),
              ArrowColumns.doubles(limits, row), ArrowColumns.doubles(counts, row));
      out.add(
          new HistogramEvent(
              Codecs.tag(dictionary, tags.get(row)), steps.get(row), wallTimes.get(row), h));
    }
  }
}
