package dev.runboard.eventlog;

import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Session rows: wall_time, kind (START, STOP, CHECKPOINT), step, message. */
final class SessionCodec implements EventCodec {
  @Override
  public void encode(List<LogEvent> events, VectorSchemaRoot root, TagTable tags) {
    for (int row = 0; row < events.size(); row++) {
      SessionEvent e = (SessionEvent) events.get(row);
      ((Float8Vector) root.getVector("wall_time")).setSafe(row, e.wallTime());
      ArrowColumns.setString((VarCharVector) root.getVector("kind"), row, e.kind().name());
      ((BigIntVector) root.getVector("step")).setSafe(row, e.step());
      ArrowColumns.setString((VarCharVector) root.getVector("message"), row, e.message());
    }
    root.setRowCount(events.size());
  }

  @Override
  public LogEvent decode(VectorSchemaRoot root, List<String> dictionary, int row) {
    return new SessionEvent(
        ((Float8Vector) root.getVector("wall_time")).get(row),
        SessionEvent.Kind.valueOf(ArrowColumns.string((VarCharVector) root.getVector("kind"), row)),
        ((BigIntVector) root.getVector("step")).get(row),
        ArrowColumns.string((VarCharVector) root.getVector("message"), row));
  }
}
