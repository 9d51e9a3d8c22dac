package dev.runboard.eventlog;

import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Text rows: tag, step, wall_time, markdown. */
final class TextCodec implements EventCodec {
  @Override
  public void encode(List<LogEvent> events, VectorSchemaRoot root, TagTable tags) {
    for (int row = 0; row < events.size(); row++) {
      TextEvent e = (TextEvent) events.get(row);
      ((IntVector) root.getVector("tag")).setSafe(row, tags.id(e.tag()));
      ((BigIntVector) root.getVector("step")).setSafe(row, e.step());
      ((Float8Vector) root.getVector("wall_time")).setSafe(row, e.wallTime());
      ArrowColumns.setString((VarCharVector) root.getVector("markdown"), row, e.markdown());
    }
    root.setRowCount(events.size());
  }

  @Override
  public void decode(VectorSchemaRoot root, List<String> dictionary, List<LogEvent> out) {
    IntVector tags = (IntVector) root.getVector("tag");
    BigIntVector steps = (BigIntVector) root.getVector("step");
    Float8Vector wallTimes = (Float8Vector) root.getVector("wall_time");
    VarCharVector markdown = (VarCharVector) root.getVector("markdown");
    for (int row = 0; row < root.getRowCount(); row++) {
      out.add(
          new TextEvent(
              Codecs.tag(dictionary, tags.get(row)),
              steps.get(row),
              wallTimes.get(row),
              ArrowColumns.string(markdown, row)));
    }
  }
}
