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
  public LogEvent decode(VectorSchemaRoot root, List<String> dictionary, int row) {
    return new TextEvent(
        Codecs.tag(dictionary, ((IntVector) root.getVector("tag")).get(row)),
        ((BigIntVector) root.getVector("step")).get(row),
        ((Float8Vector) root.getVector("wall_time")).get(row),
        ArrowColumns.string((VarCharVector) root.getVector("markdown"), row));
  }
}
