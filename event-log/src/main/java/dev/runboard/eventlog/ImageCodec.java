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
  public void decode(VectorSchemaRoot root, List<String> dictionary, List<LogEvent> out) {
    IntVector tags = (IntVector) root.getVector("tag");
    BigIntVector steps = (BigIntVector) root.getVector("step");
    Float8Vector wallTimes = (Float8Vector) root.getVector("wall_time");
    VarCharVector mediaTypes = (VarCharVector) root.getVector("media_type");
    IntVector widths = (IntVector) root.getVector("width");
    IntVector heights = (IntVector) root.getVector("height");
    IntVector channels = (IntVector) root.getVector("channels");
    VarBinaryVector encoded = (VarBinaryVector) root.getVector("encoded");
    for (int row = 0; row < root.getRowCount(); row++) {
      out.add(
          new ImageEvent(
              Codecs.tag(dictionary, tags.get(row)),
              steps.get(row),
              wallTimes.get(row),
              encoded.get(row),
              ArrowColumns.string(mediaTypes, row),
              widths.get(row),
              heights.get(row),
              channels.get(row)));
    }
  }
}
