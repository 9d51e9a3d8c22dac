package dev.runboard.eventlog;

import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;

/** Tensor rows: tag, step, wall_time, plugin name and content, dtype, shape, data. */
final class TensorCodec implements EventCodec {
  @Override
  public void encode(List<LogEvent> events, VectorSchemaRoot root, TagTable tags) {
    for (int row = 0; row < events.size(); row++) {
      TensorEvent e = (TensorEvent) events.get(row);
      ((IntVector) root.getVector("tag")).setSafe(row, tags.id(e.tag()));
      ((BigIntVector) root.getVector("step")).setSafe(row, e.step());
      ((Float8Vector) root.getVector("wall_time")).setSafe(row, e.wallTime());
      ArrowColumns.setString((VarCharVector) root.getVector("plugin_name"), row, e.pluginName());
      ((VarBinaryVector) root.getVector("plugin_content")).setSafe(row, e.pluginContent());
      ArrowColumns.setString((VarCharVector) root.getVector("dtype"), row, e.tensor().dtype());
      ArrowColumns.setLongs((ListVector) root.getVector("shape"), row, e.tensor().shape());
      ((VarBinaryVector) root.getVector("data")).setSafe(row, e.tensor().data());
    }
    root.setRowCount(events.size());
  }

  @Override
  public LogEvent decode(VectorSchemaRoot root, List<String> dictionary, int row) {
    TensorValue tensor =
        new TensorValue(
            ArrowColumns.string((VarCharVector) root.getVector("dtype"), row),
            ArrowColumns.longArray((ListVector) root.getVector("shape"), row),
            ((VarBinaryVector) root.getVector("data")).get(row));
    return new TensorEvent(
        Codecs.tag(dictionary, ((IntVector) root.getVector("tag")).get(row)),
        ((BigIntVector) root.getVector("step")).get(row),
        ((Float8Vector) root.getVector("wall_time")).get(row),
        ArrowColumns.string((VarCharVector) root.getVector("plugin_name"), row),
        ((VarBinaryVector) root.getVector("plugin_content")).get(row),
        tensor);
  }
}
