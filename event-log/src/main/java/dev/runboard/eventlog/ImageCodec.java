package dev.runboard.eventlog;

import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Image rows: tag, step, wall_time, media type, size, and the encoded bytes as written. */
final class ImageCodec implements EventCodec {
  @Override
  public void encode(List<LogEvent> events, VectorSchemaRoot root, TagTable tags) {
    for (int row = 0; row < events.size(); row++) {
      ImageEvent e = (ImageEvent) events.get(row);
      ((IntVector) root.getVector("tag")).setSafe(row, tags.id(e.tag()));
      ((BigIntVector) root.getVector("step")).setSafe(row, e.step());
      ((Float8Vector) root.getVector("wall_time")).setSafe(row, e.wallTime());
      ArrowColumns.setString((VarCharVector) root.getVector("media_type"), row, e.mediaType());
      ((IntVector) root.getVector("width")).setSafe(row, e.width());
      ((IntVector) root.getVector("height")).setSafe(row, e.height());
      ((IntVector) root.getVector("channels")).setSafe(row, e.channels());
      ((VarBinaryVector) root.getVector("encoded")).setSafe(row, e.encoded());
    }
    root.setRowCount(events.size());
  }

  @Override
  public LogEvent decode(VectorSchemaRoot root, List<String> dictionary, int row) {
    return new ImageEvent(
        Codecs.tag(dictionary, ((IntVector) root.getVector("tag")).get(row)),
        ((BigIntVector) root.getVector("step")).get(row),
        ((Float8Vector) root.getVector("wall_time")).get(row),
        ((VarBinaryVector) root.getVector("encoded")).get(row),
        ArrowColumns.string((VarCharVector) root.getVector("media_type"), row),
        ((IntVector) root.getVector("width")).get(row),
        ((IntVector) root.getVector("height")).get(row),
        ((IntVector) root.getVector("channels")).get(row));
  }
}
