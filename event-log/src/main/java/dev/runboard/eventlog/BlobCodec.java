package dev.runboard.eventlog;

import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Blob rows: tag, step, wall_time, plugin name and content, index, media type, data. */
final class BlobCodec implements EventCodec {
  @Override
  public void encode(List<LogEvent> events, VectorSchemaRoot root, TagTable tags) {
    for (int row = 0; row < events.size(); row++) {
      BlobEvent e = (BlobEvent) events.get(row);
      ((IntVector) root.getVector("tag")).setSafe(row, tags.id(e.tag()));
      ((BigIntVector) root.getVector("step")).setSafe(row, e.step());
      ((Float8Vector) root.getVector("wall_time")).setSafe(row, e.wallTime());
      ArrowColumns.setString((VarCharVector) root.getVector("plugin_name"), row, e.pluginName());
      ((VarBinaryVector) root.getVector("plugin_content")).setSafe(row, e.pluginContent());
      ((IntVector) root.getVector("index")).setSafe(row, e.index());
      ArrowColumns.setString((VarCharVector) root.getVector("media_type"), row, e.mediaType());
      ((VarBinaryVector) root.getVector("data")).setSafe(row, e.data());
    }
    root.setRowCount(events.size());
  }

  @Override
  public LogEvent decode(VectorSchemaRoot root, List<String> dictionary, int row) {
    return new BlobEvent(
        Codecs.tag(dictionary, ((IntVector) root.getVector("tag")).get(row)),
        ((BigIntVector) root.getVector("step")).get(row),
        ((Float8Vector) root.getVector("wall_time")).get(row),
        ArrowColumns.string((VarCharVector) root.getVector("plugin_name"), row),
        ((VarBinaryVector) root.getVector("plugin_content")).get(row),
        ((IntVector) root.getVector("index")).get(row),
        ArrowColumns.string((VarCharVector) root.getVector("media_type"), row),
        ((VarBinaryVector) root.getVector("data")).get(row));
  }
}
